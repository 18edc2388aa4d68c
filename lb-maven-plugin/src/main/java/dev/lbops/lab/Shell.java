package dev.lbops.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's own commands (ip, ssh-keygen, …) for the lab, failing with their output. */
final class Shell {

  /** What a command printed, and how it ended. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private Shell() {}

  /** Runs {@code command}, stdout and stderr together; fails unless it exits 0. */
  static String run(String... command) {
    Result result = attempt(List.of(command));
    if (!result.ok()) {
      throw new LabException(
          "'"
              + String.join(" ", command)
              + "' failed (exit "
              + result.exit()
              + "): "
              + result.output().strip());
    }
    return result.output();
  }

  /** Runs {@code command} and reports how it ended, whatever the exit. */
  static Result attempt(List<String> command) {
    try {
      Path output = Files.createTempFile("lb-lab", ".out");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Result(-1, "timed out after 120 s");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("Interrupted while running " + command.get(0), e);
    }
  }

  /** Makes a new ed25519 key pair without a passphrase: {@code file} and {@code file.pub}. */
  static void newKey(Path file, String comment) {
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString());
  }

  /**
   * Starts {@code command} in a session of its own, detached from this JVM (it outlives the build
   * that started it), with its output going to {@code log}; returns its PID.
   */
  static long launch(List<String> command, Path log) {
    try {
      List<String> detached = new ArrayList<>(List.of("setsid"));
      detached.addAll(command);
      Process process =
          new ProcessBuilder(detached)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      return process.pid();
    } catch (IOException e) {
      throw new LabException("Cannot start " + String.join(" ", command), e);
    }
  }
}
