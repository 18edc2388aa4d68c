package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state saved before a reload, by the script in this machine's real shell against a socket that
 * answers as HAProxy 2.6 does: only what the runtime API changed, each server as just started.
 */
class ServerStateSaveTest {

  @TempDir Path directory;

  private static final String SHOWN =
      String.join(
          "\n",
          "1",
          "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight"
              + " srv_iweight srv_time_since_last_change srv_check_status srv_check_result"
              + " srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id"
              + " srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr"
              + " srv_agent_addr srv_agent_port",
          "3 web 1 web1 198.18.0.101 2 8 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 2 web2 198.18.0.102 2 0 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 3 web3 198.18.0.103 0 8 5 1 37 6 3 0 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 4 web4 198.18.0.104 2 8 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 8 web8 198.18.0.108 2 5 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 9 web9 198.18.0.109 2 9 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 5 web5 2001:db8::5 2 8 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 6 web6 198.18.0.106 2 8 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "3 web 7 web7 198.18.0.107 2 8 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
          "",
          "");

  @Test
  void onlyDrainedOrMaintainedServersOfTheNewConfigAtTheirAddress_areSaved_asJustStarted()
      throws Exception {
    Path socket = directory.resolve("api.sock");
    Path state = directory.resolve("lib/server-state");
    Path config = directory.resolve("haproxy.cfg");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global",
            "  stats socket " + socket + " mode 660 level admin",
            "  server-state-file " + state,
            "defaults",
            "  load-server-state-from-file global",
            "backend web",
            "  server web1 198.18.0.101:8080 check",
            "  server web2 198.18.0.102:80 check",
            "  server web3 198.18.0.103:80 check weight 3",
            "  server web8 198.18.0.108:80 check disabled",
            "  server web9 198.18.0.109:80 check",
            "  server web5 [2001:DB8::5]:80 check",
            "  server web6 198.18.0.16:80 check",
            "  server web7 web7.internal:80 check",
            "peers mine",
            "  server web4 198.18.0.104:80",
            ""));
    Files.createDirectories(state.getParent());
    Files.writeString(state, "1\n# an older reload's\n");
    try (AnsweringSocket server = new AnsweringSocket(socket, SHOWN)) {
      String script = Scripts.render("save-server-state.sh", Map.of("config", config.toString()));
      Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).as(output).isZero();
      assertThat(server.asked()).isEqualTo("show servers state\n");
    }
    assertThat(Files.readAllLines(state))
        .containsExactly(
            "1",
            SHOWN.lines().toList().get(1),
            // Drained: in rotation as just started, the new config's port, no optional fields.
            "3 web 1 web1 198.18.0.101 1 8 1 1 37 6 3 4 6 0 0 0 - 8080 -",
            // Drained and down: its state as it was, the new config's weight.
            "3 web 3 web3 198.18.0.103 0 8 3 3 37 6 3 0 6 0 0 0 - 80 -",
            // In maintenance by hand (1) and drained (8).
            "3 web 9 web9 198.18.0.109 1 9 1 1 37 6 3 4 6 0 0 0 - 80 -",
            "3 web 5 web5 2001:db8::5 1 8 1 1 37 6 3 4 6 0 0 0 - 80 -");
    // Not saved: web2 as its config says, web4 not a server of a backend (peers), web6 at a new
    // address, web7 named by a host name, web8 in maintenance by its config (4, which sets 1 too).
  }

  /**
   * With the config HAProxy runs at hand (the deploy's backup of it), its {@code disabled} tells
   * the config's maintenance from a hand's, whatever HAProxy's admin bits say since live changes.
   */
  @Test
  void theRunningConfigsDisabled_decidesWhoseMaintenanceItIs() throws Exception {
    Path socket = directory.resolve("api.sock");
    Path state = directory.resolve("server-state");
    Path config = directory.resolve("haproxy.cfg");
    String global =
        "global\n  stats socket " + socket + " level admin\n  server-state-file " + state + "\n";
    Files.writeString(
        config,
        global
            + "backend web\n  server web1 198.18.0.101:80 check\n"
            + "  server web2 198.18.0.102:80 check\n");
    Files.writeString(
        directory.resolve("haproxy.cfg.lb-backup"),
        global
            + "backend web\n  server web1 198.18.0.101:80 check disabled\n"
            + "  server web2 198.18.0.102:80 check\n");
    String shown =
        String.join(
            "\n",
            "1",
            "# be_id be_name srv_id srv_name",
            // Disabled live (no bit 4): the running config's maintenance, taken away by the new.
            "3 web 1 web1 198.18.0.101 2 1 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
            // Started disabled (4), enabled live, then put in maintenance by hand (1).
            "3 web 2 web2 198.18.0.102 2 5 1 1 37 6 3 4 6 0 0 0 - 80 - 0 0 - - 0",
            "");
    try (AnsweringSocket server = new AnsweringSocket(socket, shown)) {
      String script = Scripts.render("save-server-state.sh", Map.of("config", config.toString()));
      Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();

      assertThat(process.waitFor()).isZero();
    }
    assertThat(Files.readAllLines(state))
        .containsExactly(
            "1",
            "# be_id be_name srv_id srv_name",
            "3 web 2 web2 198.18.0.102 1 1 1 1 37 6 3 4 6 0 0 0 - 80 -");
  }

  @Test
  void theFilesInlinedInSingleQuotes_holdNone() {
    assertThat(Scripts.text("save-server-state.awk")).doesNotContain("'").doesNotContain("{{");
    assertThat(Scripts.text("runtime-api-show.py")).doesNotContain("'").doesNotContain("{{");
  }

  @Test
  void withoutARuntimeSocket_noStateIsSaved_andAnOlderOneIsRemoved() throws Exception {
    Path state = directory.resolve("server-state");
    Path config = directory.resolve("haproxy.cfg");
    Files.writeString(
        config,
        "global\n  stats socket "
            + directory.resolve("none.sock")
            + " level admin\n  server-state-file "
            + state
            + "\n");
    Files.writeString(state, "1\n# an older reload's\n");
    String script = Scripts.render("save-server-state.sh", Map.of("config", config.toString()));

    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();

    assertThat(process.waitFor()).isZero();
    assertThat(state).doesNotExist();
  }
}
