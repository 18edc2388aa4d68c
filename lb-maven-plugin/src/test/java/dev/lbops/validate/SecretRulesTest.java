package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each secret judged by the file it goes into; a message names the server, never the secret. */
class SecretRulesTest {

  @TempDir Path dir;

  private static final String STATS =
      "stats:\n  enabled: true\n  bind: '198.18.0.100:8081'\n  server_id: lb-stats\n";
  private static final String USERLIST =
      "userlists:\n  - name: ops\n    users:\n      - server_id: alice\n";

  private ClusterFixture vrrp(String password) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", instance("MASTER", 150, "authentication: {server_id: vrrp}"))
        .file("lb2.yml", instance("BACKUP", 100, "authentication: {server_id: vrrp}"))
        .server("vrrp", "", password);
  }

  private ClusterFixture haproxy(String statsUser, String statsPassword, String userPassword) {
    return ClusterFixture.healthyPair(dir)
        .file("default.yml", PAIR_DEFAULT + STATS + USERLIST)
        .server("lb-stats", statsUser, statsPassword)
        .server("alice", "alice", userPassword);
  }

  @Test
  void vrrpPasswords_thatKeepalivedReadsWhole_pass() {
    for (String password : List.of("Vrrp-Pw1", "a;b$c%d", "x'y@z~1")) {
      assertThat(vrrp(password).errors()).as(password).isEmpty();
    }
  }

  @Test
  void aVrrpPasswordWithASpaceHashBangQuoteOrBrace_isRefused_namingItsServer() {
    for (String password : List.of("ab cd", "ab#cd", "ab!cd", "ab\"cd", "ab{cd", "ab}cd", "äbcd")) {
      assertThat(vrrp(password).errors())
          .as(password)
          .hasSize(2)
          .allSatisfy(
              e ->
                  assertThat(e)
                      .contains("[lb") // each host that uses it
                      .contains(
                          "vrrp_instances[0].authentication.server_id: the VRRP password of"
                              + " settings.xml server 'vrrp' holds a character keepalived.conf's"
                              + " auth_pass cannot carry")
                      .doesNotContain(password));
    }
  }

  @Test
  void aWeakVrrpPassword_isRefusedAsTooWeakToRedact() {
    assertThat(vrrp("abc").errors())
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "is too weak to be kept out of the output: it is shorter than 4 characters"));
    assertThat(vrrp("backup").errors())
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains("it is a word every config and log holds")
                    .doesNotContain("'backup'"));
  }

  @Test
  void haproxySecrets_thatHaproxyReadsAsOneWord_pass() {
    assertThat(haproxy("ops", "St4ts:Pa$$;%", "$6$salt$Hash/x.y").errors()).isEmpty();
  }

  @Test
  void aStatsPasswordWithAHashOrSpace_andAUserlistHashWithAQuote_areRefused() {
    List<String> errors = haproxy("ops", "St4ts #x", "$6$sa'lt$Hash").errors();

    assertThat(errors)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "stats.server_id: the stats password of settings.xml server 'lb-stats'"
                            + " holds a character haproxy.cfg cannot carry in one unquoted word"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "userlists[0].users[0].server_id: the password hash of settings.xml server"
                            + " 'alice' holds a character haproxy.cfg cannot carry"))
        .noneSatisfy(e -> assertThat(e).contains("St4ts #x"))
        .noneSatisfy(e -> assertThat(e).contains("sa'lt"));
  }

  @Test
  void aStatsUserWithAColon_andWeakHaproxyPasswords_areRefused() {
    List<String> errors = haproxy("ops:x", "admin", "pwd").errors();

    assertThat(errors)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "the stats user name 'ops:x' of settings.xml server 'lb-stats' cannot be written"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("the stats password of settings.xml server 'lb-stats' is too weak"))
        .anySatisfy(
            e -> assertThat(e).contains("the password of settings.xml server 'alice' is too weak"));
  }
}
