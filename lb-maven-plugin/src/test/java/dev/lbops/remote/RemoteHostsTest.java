package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.inventory.Host;
import dev.lbops.ssh.HostKeys;
import dev.lbops.ssh.SshException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteHostsTest {

  @TempDir Path directory;

  /** A host on a port where nothing listens: connecting fails at once. */
  private Host host(String user, boolean withoutSudo) {
    return new Host(
        "lb1",
        "127.0.0.1",
        1,
        user,
        "",
        "",
        List.of("lb"),
        Map.of(),
        Secret.of("0ps-Login"),
        "",
        withoutSudo,
        new Location("server.ini", 2, 1));
  }

  private void connect(Host host) {
    RemoteHosts.connect(
        host,
        id -> Optional.empty(),
        HostKeys.strict(directory.resolve("known_hosts")),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        LbLog.NONE);
  }

  @Test
  void aUserOtherThanRoot_withSudoFalse_isRefusedBeforeConnecting() {
    assertThatThrownBy(() -> connect(host("ops", true)))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e ->
                assertThat(((ProblemsException) e).problems().get(0).format())
                    .contains("server.ini:2:1: [lb1] sudo:", "'ops' is not root and sudo=false"));
  }

  @Test
  void root_andAUserWithSudo_goOnToConnect() {
    assertThatThrownBy(() -> connect(host("root", true))).isInstanceOf(SshException.class);
    assertThatThrownBy(() -> connect(host("ops", false))).isInstanceOf(SshException.class);
  }
}
