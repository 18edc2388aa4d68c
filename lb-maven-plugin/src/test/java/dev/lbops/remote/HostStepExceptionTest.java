package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.core.Secret;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.SshException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a host prints reaches the build's log only as a quote: it cannot forge the log's lines. */
class HostStepExceptionTest {

  private static final String FORGED = "[ERROR] x\n[INFO] BUILD SUCCESS\u001b]0;pwned\u0007\n";

  @Test
  void aFailedCommandsOutput_isQuotedIndented_withItsControlCharactersEscaped() {
    HostStepException e =
        HostStepException.failed(
            "lb1",
            "activate",
            "reload haproxy",
            new CommandResult(1, "", FORGED),
            List.of(Secret.of("s3cr3t-pass")),
            "reload failed: " + FORGED + "s3cr3t-pass");

    assertThat(e.getMessage().lines()).first().isEqualTo("lb1: reload failed: [ERROR] x");
    assertThat(e.getMessage().lines().skip(1)).allMatch(line -> line.startsWith("    "));
    assertThat(e.getMessage())
        .doesNotContain("\u001b", "\u0007", "s3cr3t-pass")
        .contains("\\u001b");
    assertThat(e.stderr().lines()).noneMatch(line -> line.startsWith("[INFO]"));
  }

  @Test
  void anSshFailure_quotesWhatTheHostSaidTheSameWay() {
    SshException e = new SshException("lb2", "login refused: " + FORGED, null);

    assertThat(e.getMessage().lines()).noneMatch(line -> line.startsWith("[INFO]"));
    assertThat(e.detail()).doesNotContain("\u001b");
  }
}
