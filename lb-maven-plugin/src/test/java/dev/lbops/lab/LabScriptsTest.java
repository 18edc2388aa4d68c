package dev.lbops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab's shell scripts as the plugin bundles them. They take their values as arguments, not from
 * a template, so each is checked exactly as it runs.
 */
class LabScriptsTest {

  private static final Path SCRIPTS = Path.of("src/main/resources/dev/lbops/lab");

  @Test
  void everyLabScript_passesShellcheck() throws IOException, InterruptedException {
    List<Path> scripts;
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      scripts = files.filter(file -> file.toString().endsWith(".sh")).sorted().toList();
    }
    assertThat(scripts)
        .extracting(script -> script.getFileName().toString())
        .contains(LightHosts.INIT_SCRIPT, FullHosts.LAUNCH_SCRIPT);

    List<String> command = new ArrayList<>(List.of("shellcheck", "--format=gcc"));
    scripts.forEach(script -> command.add(script.toString()));
    Process shellcheck;
    try {
      shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail(
          "shellcheck is missing, and every lab script must pass it: run .ci/install-prerequisites"
              + " (or apt-get install shellcheck)",
          e);
      return;
    }
    String findings =
        new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(shellcheck.waitFor()).as("shellcheck found:%n%s", findings).isZero();
  }
}
