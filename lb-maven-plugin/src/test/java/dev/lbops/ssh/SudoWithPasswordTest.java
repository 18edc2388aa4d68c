package dev.lbops.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command that runs a script through a sudo that asks for a password, run by {@code sh} here
 * with a stand-in for sudo that logs what it reads: the password reaches sudo's validation alone,
 * whether sudo reads it (no cached credentials) or not (cached, or NOPASSWD), and no shell ever
 * reads it. The real sudo is proven on lab hosts (TrustIT).
 */
class SudoWithPasswordTest {

  private static final String PASSWORD = "S3cret-Login";

  @TempDir Path dir;

  /** A sudo that, for -v, reads one line when it "asks" (else nothing), and runs -n commands. */
  private Path fakeSudo(boolean asks) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path sudo = bin.resolve("sudo");
    Files.writeString(
        sudo,
        "#!/bin/sh\n"
            + "log="
            + dir.resolve("sudo.log")
            + "\n"
            + "if [ \"$1\" = -S ]; then\n"
            + (asks
                ? "  IFS= read -r got; echo \"validated:$got\" >> \"$log\"\n"
                : "  echo cached >> \"$log\"\n")
            + "  exit 0\n"
            + "fi\n"
            + "shift\n"
            + "exec \"$@\"\n");
    Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  private String run(boolean asks) throws Exception {
    Path bin = fakeSudo(asks);
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", RemoteHost.SUDO_WITH_PASSWORD).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    process
        .getOutputStream()
        .write(
            (PASSWORD + "\necho script ran as $(id -u)\nread -r next || echo stdin-empty\n")
                .getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void withoutCachedCredentials_sudoReadsThePassword_andTheScriptRunsWithoutIt() throws Exception {
    String output = run(true);

    assertThat(Files.readString(dir.resolve("sudo.log"))).isEqualTo("validated:" + PASSWORD + "\n");
    assertThat(output)
        .contains("script ran as", "stdin-empty")
        .doesNotContain(PASSWORD)
        .doesNotContain("not found");
  }

  @Test
  void withCachedCredentials_thePasswordIsReadByNoOne_andTheScriptRunsWithoutIt() throws Exception {
    String output = run(false);

    assertThat(Files.readString(dir.resolve("sudo.log"))).isEqualTo("cached\n");
    assertThat(output)
        .contains("script ran as", "stdin-empty")
        .doesNotContain(PASSWORD)
        .doesNotContain("not found");
  }
}
