package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.Shellcheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxyRuntimeTest {

  @TempDir Path directory;

  /** {@code show stat} as HAProxy 2.6 answered it: web1 drained and down, web2 without checks. */
  private static ServerStats recorded() throws IOException {
    return ServerStats.parse(Files.readString(Path.of("src/test/resources/remote/show-stat.csv")));
  }

  @Test
  void showStat_listsTheServers_withoutFrontendsAndBackends() throws IOException {
    ServerStats stats = recorded();

    assertThat(stats.servers())
        .extracting(ServerStats.Server::id)
        .containsExactly("web/web1", "web/web2");
    ServerStats.Server web1 = stats.find("web", "web1").orElseThrow();
    assertThat(web1.status()).isEqualTo("DOWN");
    assertThat(web1.weight()).isEqualTo(20);
    assertThat(web1.address()).isEqualTo("127.0.0.1:18083");
    assertThat(web1.lastCheck()).isEqualTo("L4CON Connection refused");
    assertThat(web1.up()).isFalse();
    assertThat(stats.find("web", "web2").orElseThrow().up()).as("no check: in rotation").isTrue();
  }

  @Test
  void aServer_isNamedByItsName_itsAddress_orItsAddressAndPort() throws IOException {
    ServerStats stats = recorded();

    assertThat(stats.matching("web1"))
        .extracting(ServerStats.Server::server)
        .containsExactly("web1");
    assertThat(stats.matching("127.0.0.1:18082"))
        .extracting(ServerStats.Server::server)
        .containsExactly("web2");
    assertThat(stats.matching("127.0.0.1"))
        .extracting(ServerStats.Server::server)
        .containsExactly("web1", "web2");
    assertThat(stats.matching("web3")).isEmpty();
    assertThat(stats.matching("127.0.0.10")).isEmpty();
  }

  @Test
  void anIpv6Address_isMatchedWithoutItsBrackets() {
    ServerStats.Server server =
        new ServerStats.Server("web", "web6", "UP", 0, 0, 1, "[2001:db8::6]:80", "");

    assertThat(server.matches("2001:db8::6")).isTrue();
    assertThat(server.matches("[2001:db8::6]:80")).isTrue();
  }

  @Test
  void answersThatMeanItWorked_areAccepted_andHaproxysComplaintsAreNot() {
    assertThat(HaproxyRuntime.accepted("")).isTrue();
    assertThat(HaproxyRuntime.accepted("New server registered.")).isTrue();
    assertThat(HaproxyRuntime.accepted("Server deleted.")).isTrue();
    assertThat(
            HaproxyRuntime.accepted(
                "IP changed from '198.18.0.101' to '198.18.0.103' by 'stats socket command'"))
        .isTrue();
    assertThat(HaproxyRuntime.accepted("No such server.")).isFalse();
    assertThat(HaproxyRuntime.accepted("Only servers in maintenance mode can be deleted."))
        .isFalse();
  }

  @Test
  void aStateChange_namesOneServerOfPlainNames_soThatNoSecondCommandRidesAlong() {
    assertThat(HaproxyRuntime.setState("web/web1", "drain"))
        .isEqualTo("set server web/web1 state drain");
    assertThatThrownBy(() -> HaproxyRuntime.setState("web/web1;disable frontend www", "drain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'web/web1;disable frontend www'");
    assertThatThrownBy(() -> HaproxyRuntime.setState("web/web1", "ready; shutdown sessions"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCommandCarryingASecondOne_isRefusedBeforeAnyScriptIsMade() {
    assertThatThrownBy(
            () ->
                HaproxyRuntime.script(
                    "/run/haproxy/admin.sock", List.of("set server web/web1 weight 5; shutdown")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not one runtime API command");
    assertThatThrownBy(
            () ->
                HaproxyRuntime.script(
                    "/run/haproxy/admin.sock", List.of("enable server web/web1\nshutdown")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theScript_passesShellcheck() throws Exception {
    String script =
        HaproxyRuntime.script(
            "/run/haproxy/it's.sock", List.of("show stat", "set server web/web1 state drain"));

    assertThat(Shellcheck.findings(script)).as(script).isEmpty();
  }

  /**
   * The script in this machine's shell (no socat here: its Python helper) against a socket that
   * answers as HAProxy does.
   */
  @Test
  void theScript_sendsEachCommandOnAConnectionOfItsOwn_andSplitsTheAnswers() throws Exception {
    Path socket = directory.resolve("api.sock");
    List<String> asked = new ArrayList<>();
    Map<String, String> answers =
        Map.of(
            "show info",
            "Name: HAProxy\nVersion: 2.6.12\n\n",
            "set server web/web1 state drain",
            "\n");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      CompletableFuture<Void> serving =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 2; i++) {
                  try (SocketChannel client = server.accept()) {
                    ByteBuffer request = ByteBuffer.allocate(256);
                    client.read(request);
                    String command =
                        new String(request.array(), 0, request.position(), StandardCharsets.UTF_8)
                            .strip();
                    asked.add(command);
                    client.write(
                        ByteBuffer.wrap(answers.get(command).getBytes(StandardCharsets.UTF_8)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              });
      List<String> commands = List.of("show info", "set server web/web1 state drain");
      Process process =
          new ProcessBuilder("sh", "-c", HaproxyRuntime.script(socket.toString(), commands))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      serving.get();

      assertThat(process.waitFor()).as(output).isZero();
      assertThat(asked).containsExactlyElementsOf(commands);
      assertThat(HaproxyRuntime.answers(output, 2))
          .containsExactly("Name: HAProxy\nVersion: 2.6.12", "");
    }
  }

  @Test
  void aMissingSocket_isSaidSo() throws Exception {
    Process process =
        new ProcessBuilder(
                "sh",
                "-c",
                HaproxyRuntime.script(
                    directory.resolve("none.sock").toString(), List.of("show stat")))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).isEqualTo(3);
    assertThat(StateLines.values(output))
        .containsEntry("runtime-api", "no socket at " + directory.resolve("none.sock"));
  }
}
