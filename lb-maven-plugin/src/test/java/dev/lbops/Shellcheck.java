package dev.lbops;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code shellcheck} on a script's text, for tests. */
public final class Shellcheck {

  private Shellcheck() {}

  /**
   * What shellcheck finds in {@code script} (empty when nothing), read as POSIX sh unless it starts
   * with its own {@code #!}: the remote scripts run through the host's {@code sh -s}.
   */
  public static String findings(String script) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable("shellcheck"), "--format=gcc"));
    if (!script.startsWith("#!")) {
      command.add("--shell=sh");
    }
    command.add("-");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor() == 0 ? "" : output;
  }

  /**
   * A tool the build needs, from the PATH; its absence fails the test (never skips it): the
   * prerequisites script installs it.
   */
  public static String executable(String name) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        name
            + " is not installed, and the build checks every bundled script with it:"
            + " run .ci/install-prerequisites");
  }
}
