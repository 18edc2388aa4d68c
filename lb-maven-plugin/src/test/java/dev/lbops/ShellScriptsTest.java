package dev.lbops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every script bundled with the plugin passes {@code shellcheck}, every Python helper parses. A
 * template is checked with sample values: each {@code {{value}}} a single-quoted word (as the shell
 * escaping writes it), each {@code {{{text}}}} a command, and every section's body kept, so that
 * each branch is checked.
 */
class ShellScriptsTest {

  private static final Path RESOURCES = Path.of("src/main/resources");

  @Test
  void everyBundledShellScript_passesShellcheck() throws Exception {
    List<Path> scripts = bundled(".sh");
    assertThat(scripts).as("scripts under " + RESOURCES).isNotEmpty();
    List<String> findings = new ArrayList<>();
    for (Path script : scripts) {
      String found = Shellcheck.findings(withSampleValues(Files.readString(script)));
      if (!found.isEmpty()) {
        findings.add(RESOURCES.relativize(script) + " (with sample values):\n" + found);
      }
    }
    assertThat(findings).as("shellcheck's findings").isEmpty();
  }

  @Test
  void everyBundledPythonHelper_parses() throws Exception {
    for (Path helper : bundled(".py")) {
      Process process =
          new ProcessBuilder(
                  Shellcheck.executable("python3"),
                  "-c",
                  "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
                  helper.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(helper + ": " + output).isZero();
    }
  }

  @Test
  void sampleValues_keepEveryBranch_andQuoteEachValue() {
    assertThat(
            withSampleValues(
                "{{#a}}\nrm -f {{path}} {{#files}}{{.}} {{/files}}\n{{/a}}\n{{^a}}\n{{{command}}}\n{{/a}}\n{{> part.sh}}\n"))
        .isEqualTo("\nrm -f 'path' '.' \n\n\ncommand\n\n\n");
  }

  /** The template with sample values, every section's body kept once. */
  static String withSampleValues(String template) {
    return template
        .replaceAll("\\{\\{\\{\\s*([^}]+?)\\s*}}}", "$1")
        .replaceAll("\\{\\{[#/^>!][^}]*}}", "")
        .replaceAll("\\{\\{\\s*([^}]+?)\\s*}}", "'$1'");
  }

  private static List<Path> bundled(String extension) throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      return files.filter(file -> file.toString().endsWith(extension)).sorted().toList();
    }
  }
}
