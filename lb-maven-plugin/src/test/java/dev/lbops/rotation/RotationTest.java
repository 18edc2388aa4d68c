package dev.lbops.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to lb:drain and lb:ready fails with a clear error before any load balancer is
 * contacted: both hosts' SSH port is a listener here that counts the connections it gets.
 */
class RotationTest {

  @TempDir Path directory;

  private ServerSocket sshPort;
  private ClusterFixture fixture;

  @BeforeEach
  void hostsThatCountConnections() throws IOException {
    sshPort = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    sshPort.setSoTimeout(1);
    fixture =
        ClusterFixture.healthyPair(directory)
            .server("lb-login", "root", "not-used")
            .host("lb1", "127.0.0.1", sshPort.getLocalPort(), "lb-login")
            .host("lb2", "127.0.0.1", sshPort.getLocalPort(), "lb-login");
  }

  @AfterEach
  void close() throws IOException {
    sshPort.close();
  }

  private int connectionsReceived() throws IOException {
    int count = 0;
    while (true) {
      try (Socket ignored = sshPort.accept()) {
        count++;
      } catch (SocketTimeoutException e) {
        return count;
      }
    }
  }

  private RotationOptions options(String... servers) {
    return new RotationOptions(
        List.of(servers),
        Duration.ofSeconds(5),
        HostKeys.strict(directory.resolve("known_hosts")),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        false);
  }

  private Rotation rotation() {
    return new Rotation(fixture.credentials(), LbLog.NONE);
  }

  @Test
  void anUnknownServerName_failsNamingTheServersTheCmdbHas_beforeAnyHostIsContacted()
      throws IOException {
    assertThatThrownBy(() -> rotation().drain(fixture.cluster(), options("www01", "web9")))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("no host was contacted")
        .hasMessageContaining("[lb1, lb2] lb.servers: 'web9' is no server of this load balancer's")
        .hasMessageContaining("it has pool/www01 198.18.1.11:80")
        .hasMessageContaining("fix: name a server as the CMDB's backends list it")
        .satisfies(e -> assertThat(((ProblemsException) e).problems()).hasSize(1));
    assertThat(connectionsReceived()).isZero();
  }

  @Test
  void anUnknownBackend_isSaidSo_forReadyToo() throws IOException {
    assertThatThrownBy(() -> rotation().ready(fixture.cluster(), options("api/www01")))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("'api/www01' is no server of this load balancer's CMDB")
        .hasMessageContaining("it has no backend 'api'");
    assertThat(connectionsReceived()).isZero();
  }

  @Test
  void aLoadBalancersName_isNoServer() throws IOException {
    assertThatThrownBy(() -> rotation().drain(fixture.cluster(), options("lb2")))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("that is a load balancer (lb.servers names the servers behind them)");
    assertThat(connectionsReceived()).isZero();
  }

  @Test
  void aServerIsNamedByName_backendAndName_address_orAddressAndPort_withoutComplaint()
      throws IOException {
    for (String selector : List.of("www01", "pool/www01", "198.18.1.11", "198.18.1.11:80")) {
      Selection.check(fixture.cluster(), List.of(selector));
    }
    assertThatThrownBy(() -> Selection.check(fixture.cluster(), List.of("198.18.1.11:8080")))
        .isInstanceOf(ProblemsException.class);
  }

  @Test
  void aLoadBalancerWithoutTheRuntimeApi_failsNamingTheCmdbLine_beforeAnyHostIsContacted()
      throws IOException {
    fixture.file(
        "lb2.yml", ClusterFixture.instance("BACKUP", 100, "") + "runtime_api:\n  enabled: false\n");

    assertThatThrownBy(() -> rotation().drain(fixture.cluster(), options("www01")))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("lb2.yml")
        .hasMessageContaining("[lb2] runtime_api: HAProxy's runtime API is off on this host")
        .hasMessageNotContaining("[lb1]");
    assertThat(connectionsReceived()).isZero();
  }

  /** The listener's control: with good input, the hosts are contacted (and do not speak SSH). */
  @Test
  void goodInput_contactsTheHosts() throws IOException {
    assertThatThrownBy(() -> rotation().drain(fixture.cluster(), options("www01")))
        .isNotInstanceOf(ProblemsException.class);
    assertThat(connectionsReceived()).isPositive();
  }
}
