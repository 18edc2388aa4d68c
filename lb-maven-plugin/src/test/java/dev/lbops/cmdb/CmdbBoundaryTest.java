package dev.lbops.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CMDB read within a budget, every error naming its file and line; lookup path values as single
 * path segments.
 */
class CmdbBoundaryTest {

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private List<String> problemsReading(Path file) {
    try {
      new YamlFileReader().read(file, "cmdb/" + file.getFileName());
    } catch (ProblemsException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
    throw new AssertionError("read without a problem");
  }

  /** 24 levels of 2 aliases each (48 aliases, under SnakeYAML's limit of 50): 2^24 values. */
  private static String billionLaughs() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol]\n");
    for (int level = 1; level <= 24; level++) {
      yaml.append("l").append(level).append(": &l").append(level);
      yaml.append(" [*l").append(level - 1).append(", *l").append(level - 1).append("]\n");
    }
    return yaml.toString();
  }

  @Test
  @Timeout(10)
  void theBillionLaughsFile_failsFast_atTheLineWhereItsValuesPassTheBudget() throws IOException {
    Path file = write("default.yml", billionLaughs());
    assertThat(Files.size(file)).as("a small file").isLessThan(900);

    long started = System.nanoTime();
    List<String> problems = problemsReading(file);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(problems)
        .singleElement()
        .asString()
        .matches(
            "cmdb/default\\.yml:(1[5-9]|2\\d):\\d+: the file holds more than 100000 values once"
                + " its aliases are expanded; reading stopped here .*");
  }

  @Test
  void tooManyAliasesOfCollections_areNamedAtTheAliasLine() throws IOException {
    StringBuilder yaml = new StringBuilder("base: &b [1]\nlist:\n");
    for (int i = 0; i < 51; i++) {
      yaml.append("  - *b\n");
    }

    assertThat(problemsReading(write("default.yml", yaml.toString())))
        .containsExactly(
            "cmdb/default.yml:53:5: more than 50 aliases of lists or mappings (fix: write the"
                + " values out, or use fewer aliases)");
  }

  @Test
  void nestingTooDeep_isNamedAtItsLine() throws IOException {
    String yaml = "a: " + "[".repeat(60) + "]".repeat(60) + "\n";

    assertThat(problemsReading(write("default.yml", yaml)))
        .singleElement()
        .asString()
        .startsWith("cmdb/default.yml:1:")
        .contains("lists and mappings nest deeper than 50 levels");
  }

  @Test
  void anAliasInsideWhatItNames_neverEnds_andIsRefused() throws IOException {
    assertThat(problemsReading(write("default.yml", "a: &a\n  - 1\n  - *a\n")))
        .singleElement()
        .asString()
        .startsWith("cmdb/default.yml:3:5: alias *a refers to the list or mapping it is in");
  }

  @Test
  void aNonUtf8ByteANulAndAUtf16File_areNamedWithTheFile() throws IOException {
    Path latin1 = dir.resolve("latin1.yml");
    Files.write(latin1, "a: 1\nname: Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
    Path nul = write("nul.yml", "a: 1\nb: x\u0000\n");
    Path utf16 = dir.resolve("utf16.yml");
    Files.write(utf16, "a: 1\n".getBytes(StandardCharsets.UTF_16));

    assertThat(problemsReading(latin1))
        .containsExactly(
            "cmdb/latin1.yml:2:8: byte 0xFC is not UTF-8 (fix: save the file as UTF-8)");
    assertThat(problemsReading(nul))
        .singleElement()
        .asString()
        .startsWith("cmdb/nul.yml:2:5: the file holds a NUL byte");
    assertThat(problemsReading(utf16))
        .singleElement()
        .asString()
        .startsWith("cmdb/utf16.yml:1:1: the file is UTF-16");
  }

  @Test
  void aYamlErrorAndAnUnreadableFile_nameTheFile() throws IOException {
    assertThat(problemsReading(write("bad.yml", "a: [1, 2\n")))
        .singleElement()
        .asString()
        .startsWith("cmdb/bad.yml:2:1: invalid YAML");
    assertThat(problemsReading(dir.resolve("none.yml")))
        .containsExactly(
            "cmdb/none.yml: the file does not exist (fix: create it or correct the path)");
  }

  @Test
  void aKeyHoldingALineBreak_cannotForgeALogLine() throws IOException {
    Path file =
        write("default.yml", "\"x\\n[INFO] BUILD SUCCESS\": 1\n\"x\\n[INFO] BUILD SUCCESS\": 2\n");

    List<String> problems = problemsReading(file);

    assertThat(problems)
        .singleElement()
        .asString()
        .doesNotContain("\n")
        .contains("x\\n[INFO] BUILD SUCCESS");
    Map<String, CmdbNode.Entry> entries =
        new YamlFileReader()
            .read(write("ok.yml", "\"k\\n[INFO] BUILD SUCCESS\": v\u200b\n"), "ok.yml")
            .entries();
    String explained = new ProvenanceWriter().write(entries.values().iterator().next());
    assertThat(explained.lines()).hasSize(1);
    assertThat(explained).contains("k\\n[INFO] BUILD SUCCESS: v\\u200b");
  }

  @Test
  void aLookupValueThatIsAPath_isRefused_beforeAnyFileOutsideIsRead() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("default.yml"), "maxconn: 1\n");
    Path cmdb = Files.createDirectories(dir.resolve("cmdb"));
    Files.writeString(cmdb.resolve("default.yml"), "maxconn: 2\n");
    Cmdb lookup = new Cmdb(cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS);

    for (String value : List.of("../outside", "..", "a\nb", "/tmp")) {
      assertThatThrownBy(() -> lookup.resolve(Map.of("hostname", "lb1", "environment", value)))
          .isInstanceOf(ProblemsException.class)
          .hasMessageContaining("[lb1] {environment}: the lookup path's {environment} is ");
    }
    assertThatThrownBy(
            () ->
                new Cmdb(cmdb, List.of("../outside/default.yml"), MergeStrategy.FIRST_WINS)
                    .resolve(Map.of("hostname", "lb1")))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("'../outside/default.yml' is not a file inside the CMDB directory");
    assertThat(lookup.resolve(Map.of("hostname", "lb1", "environment", "prod")).files())
        .containsExactly("default.yml");
  }

  @Test
  void manyPlainValues_withinTheBudget_areRead() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      lines.add("k" + i + ": " + i);
    }
    assertThat(
            new YamlFileReader()
                .read(write("big.yml", String.join("\n", lines)), "big.yml")
                .entries())
        .hasSize(20_000);
  }
}
