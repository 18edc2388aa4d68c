package dev.lbops.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshTargetsTest {

  private static final CredentialSource SETTINGS =
      id ->
          Optional.of(
              new ServerCredentials(
                  id, "deployer", Secret.of("pw"), "/keys/deployer", Secret.of("phrase")));

  private static Host host(String user, String serverId, Secret password, String privateKey) {
    return new Host(
        "lb1",
        "198.18.0.11",
        2222,
        user,
        serverId,
        "",
        List.of(),
        Map.of(),
        password,
        privateKey,
        false,
        Location.UNKNOWN);
  }

  @Test
  void aSettingsServer_suppliesUserKeyPassphraseAndPassword() {
    SshTarget target =
        SshTargets.of(
            host("", "lb-ssh", null, ""),
            SETTINGS,
            HostKeys.strict(Path.of("kh")),
            Duration.ofSeconds(5));

    assertThat(target.user()).isEqualTo("deployer");
    assertThat(target.privateKey()).isEqualTo(Path.of("/keys/deployer"));
    assertThat(target.passphrase().reveal()).isEqualTo("phrase");
    assertThat(target.port()).isEqualTo(2222);
    assertThat(target.hostKeys()).isEqualTo(HostKeys.strict(Path.of("kh")));
  }

  @Test
  void theInventory_winsOverTheSettingsServer() {
    SshTarget target =
        SshTargets.of(
            host("root", "lb-ssh", Secret.of("box"), "/keys/inventory"),
            SETTINGS,
            HostKeys.strict(Path.of("kh")),
            Duration.ofSeconds(5));

    assertThat(target.user()).isEqualTo("root");
    assertThat(target.privateKey()).isEqualTo(Path.of("/keys/inventory"));
    assertThat(target.password().reveal()).isEqualTo("box");
  }

  @Test
  void aMissingSettingsServer_isAUserErrorNamingIt() {
    assertThatThrownBy(
            () ->
                SshTargets.of(
                    host("", "nope", null, ""),
                    id -> Optional.empty(),
                    HostKeys.strict(Path.of("kh")),
                    Duration.ofSeconds(5)))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("[lb1] serverId: no server 'nope' in settings.xml");
  }
}
