package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.ProblemsException;
import dev.lbops.core.ServerCredentials;
import java.io.File;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

/** settings.xml values checked where they enter, each problem naming the server and the field. */
class MavenSettingsCredentialsTest {

  private static final File SETTINGS_FILE = new File("/home/ops/.m2/settings.xml");

  private static Server server(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    return server;
  }

  /** A decrypter that hands each server back as it is, with the given problems. */
  private static SettingsDecrypter decrypter(List<SettingsProblem> problems) {
    return request ->
        new SettingsDecryptionResult() {
          @Override
          public Server getServer() {
            return request.getServers().get(0);
          }

          @Override
          public List<Server> getServers() {
            return request.getServers();
          }

          @Override
          public Proxy getProxy() {
            return null;
          }

          @Override
          public List<Proxy> getProxies() {
            return List.of();
          }

          @Override
          public List<SettingsProblem> getProblems() {
            return problems;
          }
        };
  }

  private static MavenSettingsCredentials credentials(Server... servers) {
    Settings settings = new Settings();
    List.of(servers).forEach(settings::addServer);
    return new MavenSettingsCredentials(
        settings, new ServerDecryption(decrypter(List.of())), SETTINGS_FILE);
  }

  @Test
  void aServer_isReadWithItsDecryptedValues() {
    ServerCredentials read =
        credentials(server("lb-stats", "ops", "St4ts-Pa55")).server("lb-stats").orElseThrow();

    assertThat(read.username()).isEqualTo("ops");
    assertThat(read.password().reveal()).isEqualTo("St4ts-Pa55");
    assertThat(credentials().server("none")).isEmpty();
  }

  @Test
  void aPasswordWithALineBreak_isRefused_namingTheServerAndField_neverTheValue() {
    MavenSettingsCredentials credentials =
        credentials(server("lb-stats", "ops", "pw\n  stats admin if TRUE"));

    assertThatThrownBy(() -> credentials.server("lb-stats"))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining(
            "/home/ops/.m2/settings.xml: <server> 'lb-stats' <password>: the password holds a line"
                + " break, control or invisible character, which could start a new line in a"
                + " config, to sudo or in the log (fix: write the password on one line of"
                + " printable characters)")
        .hasMessageNotContaining("stats admin");
  }

  @Test
  void everyOtherField_isCheckedToo() {
    Server server = server("lb-login", "ops\u200b", "G00d-login");
    server.setPrivateKey("/keys/id\n_rsa");
    server.setPassphrase("phrase\u0000");

    assertThatThrownBy(() -> credentials(server).server("lb-login"))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("<server> 'lb-login' <username>: 'ops\\u200b' holds a line break")
        .hasMessageContaining("<server> 'lb-login' <privateKey>: '/keys/id\\n_rsa' holds")
        .hasMessageContaining("<server> 'lb-login' <passphrase>: the passphrase holds")
        .hasMessageNotContaining("phrase\u0000");
  }

  @Test
  void aPasswordThatCannotBeDecrypted_isTheUsersToFix_namingTheServer() {
    Settings settings = new Settings();
    settings.addServer(server("lb-vrrp", "", "{garbled}"));
    MavenSettingsCredentials credentials =
        new MavenSettingsCredentials(
            settings,
            new ServerDecryption(
                decrypter(
                    List.of(
                        new DefaultSettingsProblem(
                            "Failed to decrypt password for server lb-vrrp",
                            SettingsProblem.Severity.ERROR,
                            "server: lb-vrrp",
                            -1,
                            -1,
                            null)))),
            SETTINGS_FILE);

    assertThatThrownBy(() -> credentials.server("lb-vrrp"))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("<server> 'lb-vrrp' <password>: the password cannot be decrypted")
        .hasMessageContaining("mvn --encrypt-password");
  }
}
