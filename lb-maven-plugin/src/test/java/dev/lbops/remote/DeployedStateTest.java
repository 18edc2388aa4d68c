package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.Shellcheck;
import dev.lbops.render.ConfigKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record a deploy leaves on a host, and how the next one reads it. */
class DeployedStateTest {

  private static final DeployedState RECORD =
      DeployedState.of(
          "0.1.0",
          "dev.lbops.it:pair:1.0",
          "2026-11-30T12:00:00Z",
          Map.of(ConfigKind.HAPROXY, "aa11", ConfigKind.KEEPALIVED, "bb22"));

  @Test
  void aConfigWhoseBodyIsNotTheRecordedOne_wasEditedOnTheHost() {
    assertThat(
            RECORD.editedOnTheHost(
                Map.of(ConfigKind.HAPROXY, "ee99", ConfigKind.KEEPALIVED, "bb22")))
        .containsExactly(ConfigKind.HAPROXY);
    assertThat(
            RECORD.editedOnTheHost(Map.of(ConfigKind.HAPROXY, "aa11", ConfigKind.KEEPALIVED, "")))
        .as("a removed config")
        .containsExactly(ConfigKind.KEEPALIVED);
    assertThat(
            RECORD.editedOnTheHost(
                Map.of(ConfigKind.HAPROXY, "aa11", ConfigKind.KEEPALIVED, "bb22")))
        .isEmpty();
  }

  @Test
  void aHostWithoutARecord_hasNoHandEdit() {
    assertThat(DeployedState.NONE.recorded()).isFalse();
    assertThat(DeployedState.NONE.editedOnTheHost(Map.of(ConfigKind.HAPROXY, "ee99"))).isEmpty();
    assertThat(
            DeployedState.of("0.1.0", "g:a:1", "t", Map.of(ConfigKind.HAPROXY, "aa11"))
                .editedOnTheHost(Map.of(ConfigKind.HAPROXY, "aa11", ConfigKind.KEEPALIVED, "ff")))
        .as("a config the record does not name")
        .isEmpty();
  }

  @Test
  void aDamagedRecord_countsAsNone() {
    String damaged = Base64.getEncoder().encodeToString("{\"files\": [1, ".getBytes());

    assertThat(DeployedState.parse(damaged)).isEqualTo(DeployedState.NONE);
    assertThat(DeployedState.parse("not base64 at all!")).isEqualTo(DeployedState.NONE);
    assertThat(DeployedState.parse(null)).isEqualTo(DeployedState.NONE);
  }

  @Test
  void theScripts_passShellcheck() throws Exception {
    assertThat(Shellcheck.findings(RECORD.writeScript())).isEmpty();
    assertThat(Shellcheck.findings(DeployedState.NONE.restoreScript())).isEmpty();
    assertThat(Shellcheck.findings(StateLines.script())).isEmpty();
  }

  /**
   * The record written and read back in this machine's real shell, with a {@code /var/lib} of its
   * own: root only, and the state's script reads it back whole.
   */
  @Test
  void theRecord_isWrittenRootOnly_andReadBackByTheStateScript() throws Exception {
    String output =
        shell(
            "mount -t tmpfs none /var/lib"
                + " && sh -c \"$1\" && stat -c 'mode=%a %U' "
                + DeployedState.PATH
                + " && ls -A /var/lib/lb-maven-plugin && sh -c \"$2\"",
            RECORD.writeScript(),
            StateLines.script());

    assertThat(output).as(output).contains("mode=600 root\nstate.json\n");
    assertThat(HostServices.parse(StateLines.values(output)).deployed()).isEqualTo(RECORD);
  }

  @Test
  void restoringAHostThatHadNoRecord_removesTheNewOne() throws Exception {
    String output =
        shell(
            "mount -t tmpfs none /var/lib"
                + " && sh -c \"$1\" && sh -c \"$2\" && ls -A /var/lib/lb-maven-plugin; echo end",
            RECORD.writeScript(),
            DeployedState.NONE.restoreScript());

    assertThat(output).as(output).isEqualTo("end\n");
  }

  /** Runs {@code command} in a mount namespace of its own, with the scripts as $1 and $2. */
  private static String shell(String command, String first, String second) throws Exception {
    Process process =
        new ProcessBuilder("unshare", "--mount", "sh", "-c", command, "sh", first, second)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }
}
