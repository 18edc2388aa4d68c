package dev.lbops.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTargetsTest {

  @TempDir Path keys;

  private Path deployerKey;
  private Path inventoryKey;
  private CredentialSource settings;

  @BeforeEach
  void keyFiles() throws IOException {
    deployerKey = Files.writeString(keys.resolve("deployer"), "key");
    inventoryKey = Files.writeString(keys.resolve("inventory"), "key");
    settings =
        id ->
            Optional.of(
                new ServerCredentials(
                    id,
                    "deployer",
                    Secret.of("Dep1oy-Pw"),
                    deployerKey.toString(),
                    Secret.of("phrase")));
  }

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
        new Location("server.ini", 3, 1));
  }

  @Test
  void aSettingsServer_suppliesUserKeyPassphraseAndPassword() {
    SshTarget target =
        SshTargets.of(
            host("", "lb-ssh", null, ""),
            settings,
            HostKeys.strict(Path.of("kh")),
            Duration.ofSeconds(5));

    assertThat(target.user()).isEqualTo("deployer");
    assertThat(target.privateKey()).isEqualTo(deployerKey);
    assertThat(target.passphrase().reveal()).isEqualTo("phrase");
    assertThat(target.port()).isEqualTo(2222);
    assertThat(target.hostKeys()).isEqualTo(HostKeys.strict(Path.of("kh")));
  }

  @Test
  void theInventory_winsOverTheSettingsServer() {
    SshTarget target =
        SshTargets.of(
            host("root", "lb-ssh", Secret.of("B0x-login"), inventoryKey.toString()),
            settings,
            HostKeys.strict(Path.of("kh")),
            Duration.ofSeconds(5));

    assertThat(target.user()).isEqualTo("root");
    assertThat(target.privateKey()).isEqualTo(inventoryKey);
    assertThat(target.password().reveal()).isEqualTo("B0x-login");
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

  @Test
  void check_findsEveryHostsLoginProblem_atOnce_withoutNamingAPassword() {
    Host weak = host("ops", "", Secret.of("box"), "");
    Host common = host("ops", "", Secret.of("Admin"), "");
    Host noKeyFile = host("root", "", null, keys.resolve("missing").toString());
    Host badUser = host("ops\nroot", "", Secret.of("G00d-login"), "");

    assertThatThrownBy(
            () ->
                SshTargets.check(
                    List.of(weak, common, noKeyFile, badUser, host("", "nope", null, "")),
                    id -> Optional.empty()))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e -> {
              List<String> problems =
                  ((ProblemsException) e).problems().stream().map(Problem::format).toList();
              assertThat(problems)
                  .containsExactly(
                      "server.ini:3:1: [lb1] password: the password written in the inventory is"
                          + " too weak to be kept out of the output: it is shorter than 4"
                          + " characters, and masking it wherever the host's output holds it would"
                          + " mask other text too, and so reveal it (fix: log in with a key, or"
                          + " choose a password of at least 4 characters that is not a common"
                          + " word)",
                      "server.ini:3:1: [lb1] password: the password written in the inventory is"
                          + " too weak to be kept out of the output: it is a word every config and"
                          + " log holds, and masking it wherever the host's output holds it would"
                          + " mask other text too, and so reveal it (fix: log in with a key, or"
                          + " choose a password of at least 4 characters that is not a common"
                          + " word)",
                      "server.ini:3:1: [lb1] privateKey: the private key file '"
                          + keys.resolve("missing")
                          + "' cannot be read (fix: name a key file this user can read)",
                      "server.ini:3:1: [lb1] user: 'ops\\nroot' is not a user name (fix: write a"
                          + " login name such as root or deployer)",
                      "server.ini:3:1: [lb1] serverId: no server 'nope' in settings.xml (fix: add"
                          + " <server><id>nope</id>...</server> to ~/.m2/settings.xml)");
              assertThat(e.getMessage()).doesNotContain("box", "Admin", "G00d-login");
            });
  }
}
