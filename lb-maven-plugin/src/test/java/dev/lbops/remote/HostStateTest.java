package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.Shellcheck;
import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStateTest {

  @TempDir Path directory;

  private HostConfig lb1(String extra) {
    return ClusterFixture.healthyPair(directory)
        .file("default.yml", ClusterFixture.PAIR_DEFAULT + extra)
        .load()
        .cluster()
        .host("lb1");
  }

  @Test
  void theScript_passesShellcheck_withAndWithoutARuntimeApi() throws Exception {
    String withApi = HostState.script(lb1("runtime_api:\n  path: /run/haproxy/it's.sock\n"));
    String withoutApi = HostState.script(lb1("runtime_api:\n  enabled: false\n"));

    assertThat(Shellcheck.findings(withApi)).as(withApi).isEmpty();
    assertThat(Shellcheck.findings(withoutApi)).as(withoutApi).isEmpty();
    assertThat(withoutApi).contains("echo 'staterror=no runtime_api is configured'");
  }

  /**
   * The script in this machine's real shell, in a network namespace of its own: no socket there,
   * and the state says why; the address of its interface is held, a VIP on lo (handed over, see
   * handover.sh) is not.
   */
  @Test
  void aMissingRuntimeApiSocket_isReportedAsTheStateError_andAVipOnLoIsNotHeld() throws Exception {
    String script = HostState.script(lb1("runtime_api:\n  path: /nonexistent/lb.sock\n"));
    Process process =
        new ProcessBuilder(
                "unshare",
                "--net",
                "sh",
                "-c",
                "ip link add eth0 type veth peer name peer0 && ip addr add 198.18.0.11/24 dev eth0"
                    + " && ip addr add 198.18.0.100/32 dev lo label lo:lb && sh -c \"$1\"",
                "sh",
                script)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();

    HostState state = HostState.parse("lb1", output);

    assertThat(state.statError()).isEqualTo("no runtime API socket at /nonexistent/lb.sock");
    assertThat(state.holds("198.18.0.11")).as(output).isTrue();
    assertThat(state.holds("198.18.0.100")).as(output).isFalse();
  }

  /** The Python helper, for hosts without socat, against a socket that answers as HAProxy does. */
  @Test
  void thePythonHelper_readsShowStatFromTheSocket() throws Exception {
    Path socket = directory.resolve("api.sock");
    String answer = "# pxname,svname,status\npool,www01,UP\n";
    try (AnsweringSocket server = new AnsweringSocket(socket, answer)) {
      Process process =
          new ProcessBuilder(
                  "python3", "-c", Scripts.text("runtime-api-show.py"), socket.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).as(output).isZero();
      assertThat(server.asked()).isEqualTo("show stat\n");
      assertThat(output).isEqualTo(answer + "\n");
    }
  }

  @Test
  void aServerAwaitsACheck_untilItsFirst_orWhileItCountsAsJustUp() {
    assertThat(new HostState.ServerState("web", "web1", "UP", "* INI").awaitingCheck()).isTrue();
    assertThat(new HostState.ServerState("web", "web1", "UP 1/3", "L4OK").awaitingCheck())
        .as("moved live, or after a failed check")
        .isTrue();
    assertThat(new HostState.ServerState("web", "web1", "DRAIN 1/2", "L7OK").awaitingCheck())
        .isTrue();
    assertThat(new HostState.ServerState("web", "web1", "UP", "L7OK").awaitingCheck()).isFalse();
    assertThat(new HostState.ServerState("web", "web1", "DOWN 1/2", "L4OK").awaitingCheck())
        .as("down, coming up: it counts as down")
        .isFalse();
  }

  private static HostState servers(String... statuses) {
    StringBuilder output = new StringBuilder("stat:# pxname,svname,status,check_status\n");
    for (int i = 0; i < statuses.length; i++) {
      output.append("stat:web,web").append(i + 1).append(',').append(statuses[i]).append(",L7OK\n");
    }
    return HostState.parse("lb1", output.toString());
  }

  @Test
  void aServerPutInMaintenance_isNotNewlyDown_oneFoundDownIs() {
    HostState before = servers("UP", "UP", "UP");

    assertThat(PairChecks.newlyDown(before, servers("MAINT", "DOWN", "UP 1/3")))
        .containsExactly("web/web2 DOWN");
  }

  @Test
  void aServerJustUp_inOneReading_isKnownInAnother() {
    HostState before = servers("UP 1/3", "UP");

    assertThat(before.justUp(servers("UP 1/3", "UP 1/3").servers().get(0))).isTrue();
    assertThat(before.justUp(servers("UP 1/3", "UP 1/3").servers().get(1))).isFalse();
  }
}
