package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules about what production configs add: tracked scripts, versions, families, sections. */
class ProductionRulesTest {

  @TempDir Path dir;

  private static final String SCRIPTS =
      """
      vrrp_scripts:
        - name: chk_web
          script: /usr/local/lib/lb-maven-plugin/check-web.sh 80
          weight: -60
      """;

  private ClusterFixture pair(String common, String lb1Extra, String lb2Extra) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT + common)
        .file("lb1.yml", instance("MASTER", 150, lb1Extra))
        .file("lb2.yml", instance("BACKUP", 100, lb2Extra));
  }

  @Nested
  @DisplayName("user vrrp_scripts")
  class Scripts {

    @Test
    void aTrackedScript_thatIsDeclared_isFine() {
      assertThat(pair(SCRIPTS, "track_script: [chk_web]", "track_script: [chk_web]").problems())
          .isEmpty();
    }

    @Test
    void trackingAnUndeclaredScript_isAnError_withADidYouMean() {
      assertThat(pair(SCRIPTS, "track_script: [chk_wbe]", "track_script: [chk_web]").errors())
          .singleElement()
          .asString()
          .contains(
              "lb1.yml",
              "instance 'vi_web' tracks vrrp_script 'chk_wbe', which is not declared",
              "did you mean 'chk_web'?");
    }

    @Test
    void theBuiltInName_isTheHaproxyChecks_andAScriptTrackedByNoInstance_isWarned() {
      ClusterFixture fixture = pair(SCRIPTS.replace("chk_web", "chk_haproxy"), "", "");

      assertThat(fixture.errors())
          .anySatisfy(
              error -> assertThat(error).contains("'chk_haproxy' is the plugin's own script"));
      assertThat(pair(SCRIPTS, "", "").warnings())
          .anySatisfy(
              warning ->
                  assertThat(warning).contains("vrrp_script 'chk_web' is tracked by no instance"));
    }

    @Test
    void aScriptWithBothAScriptAndACommand_orACommandThatCouldEndItsString_isAnError() {
      String both = SCRIPTS + "    command: pidof haproxy\n";
      assertThat(pair(both, "track_script: [chk_web]", "track_script: [chk_web]").errors())
          .anySatisfy(
              error -> assertThat(error).contains("either a script or a command, not both"));
      String quoted = "vrrp_scripts:\n  - name: chk_q\n    command: \"test -f '/x'\"\n";
      assertThat(pair(quoted, "track_script: [chk_q]", "track_script: [chk_q]").errors())
          .anySatisfy(error -> assertThat(error).contains("could end Keepalived's script string"));
    }
  }

  @Nested
  @DisplayName("VRRP versions and address families")
  class Versions {

    @Test
    void version2_withAFractionalAdvertInt_isAnError_andTheHostsMustAgree() {
      ClusterFixture fixture =
          new ClusterFixture(dir)
              .file("default.yml", PAIR_DEFAULT)
              .file(
                  "lb1.yml",
                  ClusterFixture.instanceOverriding("MASTER", 150, "advert_int: 0.5")
                      + "    vrrp_version: 2\n")
              .file(
                  "lb2.yml",
                  ClusterFixture.instanceOverriding("BACKUP", 100, "advert_int: 0.5")
                      + "    vrrp_version: 3\n");

      assertThat(fixture.errors())
          .anySatisfy(
              error -> assertThat(error).contains("VRRP version 2 has whole-second adverts only"))
          .anySatisfy(
              error ->
                  assertThat(error)
                      .contains(
                          "speaks VRRP version 3 here but 2 on lb1", "would not hear each other"));
    }

    @Test
    void unicastAddresses_mustBeOfTheVipsFamily() {
      String v6 =
          ClusterFixture.instanceOverriding(
                  "MASTER", 150, "virtual_ips: [{ip: '2001:db8::100', cidr: 64}]")
              + "    unicast_src_ip: 198.18.0.11\n    unicast_peer: ['2001:db8::12']\n";
      ClusterFixture fixture =
          new ClusterFixture(dir)
              .file("default.yml", PAIR_DEFAULT)
              .file("lb1.yml", v6)
              .file(
                  "lb2.yml",
                  ClusterFixture.instanceOverriding(
                          "BACKUP", 100, "virtual_ips: [{ip: '2001:db8::100', cidr: 64}]")
                      + "    unicast_src_ip: '2001:db8::12'\n    unicast_peer: ['2001:db8::11']\n");

      assertThat(fixture.errors())
          .anySatisfy(
              error ->
                  assertThat(error)
                      .contains(
                          "has IPv6 VIPs, so its adverts travel over IPv6, but unicast_src_ip"));
    }

    @Test
    void trackedInterfaces_routes_vmac_andExcludedAddresses_areRead() {
      String extra =
          """
          track_interface: [eth1, 'eth2 weight -30']
          use_vmac: vrrp51
          virtual_ipaddress_excluded: [{ip: '2001:db8::100', cidr: 64}]
          virtual_routes:
            - {to: 198.18.50.0/24, via: '2001:db8::1'}
          """;
      assertThat(pair("", extra, extra).errors())
          .hasSize(2)
          .allSatisfy(error -> assertThat(error).contains("of the other address family"));
      assertThat(pair("", "track_interface: ['eth1 weight']", "").errors())
          .anySatisfy(
              error -> assertThat(error).contains("is not an interface name with an optional"));
    }
  }

  @Nested
  @DisplayName("HAProxy sections")
  class Sections {

    @Test
    void aServerAskingResolversThatAreNotDeclared_isAnError() {
      String resolvers =
          """
          resolvers:
            - name: dns
              nameservers: [{name: ns1, address: '198.18.0.53:53'}]
          """;
      ClusterFixture fixture =
          new ClusterFixture(dir)
              .file(
                  "default.yml",
                  PAIR_DEFAULT.replace("options: check", "options: check resolvers dnz")
                      + resolvers)
              .file("lb1.yml", instance("MASTER", 150, ""))
              .file("lb2.yml", instance("BACKUP", 100, ""));

      assertThat(fixture.errors())
          .hasSize(2)
          .allSatisfy(
              error ->
                  assertThat(error)
                      .contains("asks resolvers 'dnz', which is not declared", "[dns]"));
    }

    @Test
    void peersThatDifferBetweenThePairsHosts_isAnError() {
      ClusterFixture fixture =
          new ClusterFixture(dir)
              .file("default.yml", PAIR_DEFAULT)
              .file("lb1.yml", instance("MASTER", 150, "") + "peers: {port: 10001}\n")
              .file("lb2.yml", instance("BACKUP", 100, ""));

      assertThat(fixture.errors())
          .singleElement()
          .asString()
          .contains("lb_peers on port 10000", "lb_peers on port 10001", "would not sync");
    }

    @Test
    void aCertificateOutsideEtcHaproxy_isAnError() {
      assertThat(pair("certificates: [{file: /etc/ssl/private/site.pem}]\n", "", "").errors())
          .hasSize(2)
          .allSatisfy(
              error ->
                  assertThat(error)
                      .contains("/etc/ssl/private/site.pem is not where the plugin ships"));
    }

    @Test
    void aKeyServerWithoutAPrivateKey_isAnError_namingTheServer() {
      ClusterFixture fixture =
          pair("certificates: [{file: /etc/haproxy/site.pem, key_server_id: tls}]\n", "", "")
              .server("tls", "", "a-password");

      assertThat(fixture.errors())
          .hasSize(2)
          .allSatisfy(
              error ->
                  assertThat(error).contains("settings.xml server 'tls' names no private key"));
    }
  }

  @Test
  void theReferencesRealServersKey_isAnAliasOfRealServer_withAWarning() {
    String lvs =
        ClusterFixture.instanceOverriding(
            "MASTER",
            150,
            "virtual_ips: [{ip: 198.18.0.100, cidr: 24, port: 80, real_servers: [{ip: 198.18.1.11}]}]");
    ClusterFixture fixture =
        new ClusterFixture(dir)
            .file("default.yml", PAIR_DEFAULT)
            .file("lb1.yml", lvs)
            .file("lb2.yml", lvs.replace("MASTER", "BACKUP").replace("150", "100"));

    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .contains("'real_servers' is the reference's name for 'real_server'"));
    assertThat(
            fixture
                .cluster()
                .host("lb1")
                .keepalived()
                .instances()
                .get(0)
                .virtualIps()
                .get(0)
                .lvs()
                .realServers())
        .singleElement()
        .satisfies(real -> assertThat(real.ip()).isEqualTo("198.18.1.11"));
  }
}
