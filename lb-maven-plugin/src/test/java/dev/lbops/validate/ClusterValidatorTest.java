package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.VrrpState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterValidatorTest {

  @TempDir Path dir;

  private ClusterFixture pair(String lb1, String lb2) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", lb1)
        .file("lb2.yml", lb2);
  }

  @Test
  void aHealthyPair_hasNoProblems() {
    assertThat(ClusterFixture.healthyPair(dir).problems()).isEmpty();
  }

  @Test
  void sendingTheClientIp_needsHaproxyToRunAsRoot() {
    String clientIp =
        PAIR_DEFAULT.replace("balance: roundrobin", "balance: roundrobin\n    send_client_ip: 1");

    assertThat(ClusterFixture.healthyPair(dir).file("default.yml", clientIp).errors())
        .hasSize(2)
        .allSatisfy(
            error ->
                assertThat(error)
                    .contains(
                        "default.yml:8:21",
                        "'pool' sends the client's address",
                        "set haproxy_user: root"));
    assertThat(
            ClusterFixture.healthyPair(dir)
                .file("default.yml", clientIp + "haproxy_user: root\nhaproxy_group: root\n")
                .errors())
        .isEmpty();
  }

  @Nested
  @DisplayName("a load balancer with nothing to balance")
  class NothingToBalance {

    @Test
    void aCmdbOfEmptyFiles_isAnError_forEachHost_sayingWhatADeployWouldDo_andWhatToCheck() {
      ClusterFixture empty =
          new ClusterFixture(dir).file("default.yml", "").file("lb1.yml", "").file("lb2.yml", "");

      assertThat(empty.errors())
          .hasSize(2)
          .allSatisfy(
              error ->
                  assertThat(error)
                      .contains(
                          "no VRRP instance and no frontend or listen section",
                          "it would remove the virtual IPs and every proxy of a working pair",
                          "check lb.cmdbDirectory, lb.environment and lb.lookupPath"))
          .anySatisfy(error -> assertThat(error).contains("cmdb: [lb1]"))
          .anySatisfy(error -> assertThat(error).contains("cmdb: [lb2]"));
    }

    @Test
    void aCmdbDirectoryWithoutAnyFile_isReportedAsThat_andNotAgainAsAnEmptyHost() throws Exception {
      ClusterFixture none = new ClusterFixture(dir);
      Files.createDirectories(none.cmdbDirectory());

      assertThat(none.errors())
          .hasSize(2)
          .allSatisfy(error -> assertThat(error).contains("no CMDB file applies to this host"));
    }

    @Test
    void hostsWithOnlyVrrpInstances_orOnlyProxies_balanceSomething() {
      assertThat(
              new ClusterFixture(dir.resolve("vrrp"))
                  .file("lb1.yml", instance("MASTER", 150, ""))
                  .file("lb2.yml", instance("BACKUP", 100, ""))
                  .errors())
          .as("VRRP instances only")
          .isEmpty();
      assertThat(
              new ClusterFixture(dir.resolve("proxies")).file("default.yml", PAIR_DEFAULT).errors())
          .as("proxies only")
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("VRRP pair rules")
  class PairRules {

    @Test
    void equalPriorities_areLegal_butWarnedWithHowKeepalivedBreaksTheTie() {
      ClusterFixture fixture = pair(instance("MASTER", 101, ""), instance("BACKUP", 101, ""));

      assertThat(fixture.errors()).isEmpty();
      assertThat(fixture.warnings())
          .singleElement()
          .asString()
          .contains(
              "lb2.yml:6:15: [lb2] vrrp_instances[0].priority: instance 'vi_web' has priority 101 on both lb1 and lb2")
          .contains("Keepalived breaks the tie by the higher address");
    }

    @Test
    void twoMasters_areLegal_butWarnedThatBothHoldTheVipsAtFirst_whenTheyStartAsMaster() {
      ClusterFixture fixture =
          pair(
              instance("MASTER", 150, "failback: immediate"),
              instance("MASTER", 100, "failback: immediate"));

      assertThat(fixture.errors()).isEmpty();
      assertThat(fixture.warnings())
          .filteredOn(w -> w.contains("starts as MASTER"))
          .singleElement()
          .asString()
          .contains("starts as MASTER on lb1 and lb2: until their first advertisements each holds");

      assertThat(pair(instance("MASTER", 150, ""), instance("MASTER", 100, "")).problems())
          .as("a delayed fail-back starts every host as BACKUP: the priority elects")
          .isEmpty();
    }

    @Test
    void everyHostBackup_electsByPriority_withOrWithoutNopreempt_asKeepalivedsOwnSamplesDo() {
      assertThat(pair(instance("BACKUP", 150, ""), instance("BACKUP", 100, "")).problems())
          .isEmpty();
      assertThat(
              pair(
                      instance("BACKUP", 150, "nopreempt: true"),
                      instance("BACKUP", 100, "nopreempt: true"))
                  .problems())
          .isEmpty();
      assertThat(
              pair(
                      instance("BACKUP", 150, "preempt_delay: 30"),
                      instance("BACKUP", 100, "preempt_delay: 30"))
                  .problems())
          .isEmpty();
    }

    @Test
    void neitherStateNorPriority_isRequired_keepalivedDerivesThem() {
      String withoutState =
          ClusterFixture.instanceOverriding("BACKUP", 100, "")
              .lines()
              .filter(line -> !line.strip().startsWith("state:"))
              .filter(line -> !line.strip().startsWith("priority:"))
              .map(line -> line + "\n")
              .reduce("", String::concat);
      ClusterFixture fixture = pair(instance("MASTER", 150, ""), withoutState);

      assertThat(fixture.problems()).isEmpty();
      assertThat(fixture.cluster().host("lb2").keepalived().instances().get(0))
          .satisfies(i -> assertThat(i.state()).isEqualTo(VrrpState.BACKUP))
          .satisfies(i -> assertThat(i.priority()).isEqualTo(100))
          .satisfies(i -> assertThat(i.writes("state")).isFalse());
    }

    @Test
    void preemptSettingsOnTheCmdbsMaster_areFine_sinceEveryHostStartsAsBackup() {
      assertThat(
              pair(
                      instance("MASTER", 150, "preempt_delay: 10"),
                      instance("BACKUP", 100, "preempt_delay: 10"))
                  .problems())
          .isEmpty();
    }

    @Test
    void aBackupAboveTheMaster_isLegal_butWarnedThatItTakesTheVips_unlessItSetsNopreempt() {
      ClusterFixture fixture = pair(instance("MASTER", 100, ""), instance("BACKUP", 150, ""));
      assertThat(fixture.errors()).isEmpty();
      assertThat(fixture.warnings())
          .singleElement()
          .asString()
          .contains("BACKUP lb2 has priority 150, above MASTER lb1's 100: it takes the VIPs");

      assertThat(
              pair(
                      instance("MASTER", 100, "nopreempt: true"),
                      instance("BACKUP", 150, "nopreempt: true"))
                  .problems())
          .isEmpty();
    }

    @Test
    void ahAuthenticationOnAMaster_isAnError_asKeepalivedClearsTheState() {
      String ah = "authentication: {type: AH, server_id: vrrp}";
      ClusterFixture fixture =
          pair(
                  instance("MASTER", 150, "failback: immediate\n" + ah),
                  instance("BACKUP", 100, "failback: immediate\n" + ah))
              .server("vrrp", "", "Vrrp-Pw1");

      assertThat(fixture.errors())
          .singleElement()
          .asString()
          .contains(
              "[lb1] vrrp_instances[0].authentication: Keepalived clears the MASTER start state of"
                  + " an instance with AH authentication");
      assertThat(
              pair(instance("MASTER", 150, ah), instance("BACKUP", 100, ah))
                  .server("vrrp", "", "Vrrp-Pw1")
                  .errors())
          .as("a delayed fail-back writes the CMDB's MASTER as BACKUP, which AH allows")
          .isEmpty();
    }

    @Test
    void scriptsWithoutScriptSecurity_areAnError_asKeepalivedRefusesToRunThem() {
      ClusterFixture fixture =
          pair(instance("MASTER", 150, ""), instance("BACKUP", 100, ""))
              .file(
                  "default.yml",
                  PAIR_DEFAULT + "keepalived_global_defs: {enable_script_security: false}\n");

      assertThat(fixture.errors())
          .hasSize(2)
          .allSatisfy(
              e ->
                  assertThat(e)
                      .contains(
                          "keepalived_global_defs.enable_script_security: keepalived.conf runs"
                              + " scripts (chk_haproxy of vi_web) without enable_script_security"));
    }

    @Test
    void vrrpScriptsAndMiscChecksWithoutScriptSecurity_areAnError_asKeepalivedTFailsOnThem() {
      ClusterFixture fixture =
          pair(instance("MASTER", 150, ""), instance("BACKUP", 100, ""))
              .file(
                  "default.yml",
                  PAIR_DEFAULT
                      + "keepalived_global_defs: {enable_script_security: false}\n"
                      + "vrrp_scripts: [{name: chk_app, script: /usr/local/bin/chk-app, interval:"
                      + " 2}]\n"
                      + "virtual_servers:\n"
                      + "  - {ip: 198.18.10.2, port: 1358, real_server: [{ip: 198.18.200.6,"
                      + " misc_check: {misc_path: /usr/local/bin/chk-real}}]}\n");

      assertThat(fixture.errors())
          .hasSize(2)
          .allSatisfy(
              e ->
                  assertThat(e)
                      .contains("vrrp_script chk_app")
                      .contains("the MISC_CHECK of real server 198.18.200.6 on port 1358")
                      .contains("without enable_script_security"));
    }

    @Test
    void anInstanceOnOneHostOnly_isAnError() {
      ClusterFixture fixture = pair(instance("MASTER", 150, ""), "{}\n");

      assertThat(fixture.errors())
          .singleElement()
          .asString()
          .contains("VRRP instance 'vi_web' is only on lb1: nothing can take its VIPs over");
    }

    @Test
    void differentRouterIdsOrVipsOrAuth_areErrors_andTheSameAreNot() {
      String lb2 =
          instance("BACKUP", 100, "authentication: {server_id: other}")
              .replace("router_id: 51", "router_id: 52")
              .replace("198.18.0.100", "198.18.0.101");
      ClusterFixture fixture =
          pair(instance("MASTER", 150, "authentication: {server_id: vrrp}"), lb2)
              .server("vrrp", "", "Vrrp-Pw1")
              .server("other", "", "Vrrp-Pw2");

      assertThat(fixture.errors())
          .anySatisfy(e -> assertThat(e).contains("has router_id 52 here but 51 on lb1"))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains(
                          "has virtual_ips [198.18.0.101/24] here but [198.18.0.100/24] on lb1"))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains(
                          "has authentication PASS with the password of server other here but PASS with the password of server vrrp on lb1"))
          .noneSatisfy(e -> assertThat(e).contains("pw1"));

      ClusterFixture same =
          pair(
                  instance("MASTER", 150, "authentication: {server_id: vrrp}"),
                  instance("BACKUP", 100, "authentication: {server_id: vrrp}"))
              .server("vrrp", "", "Vrrp-Pw1");
      assertThat(same.errors()).isEmpty();
    }

    @Test
    void unicastPeers_mustBeSymmetricAndNeverTheHostItself() {
      ClusterFixture asymmetric =
          pair(
              instance("MASTER", 150, "unicast_src_ip: 198.18.0.11\nunicast_peer: [198.18.0.13]"),
              instance("BACKUP", 100, "unicast_src_ip: 198.18.0.12\nunicast_peer: [198.18.0.12]"));

      assertThat(asymmetric.errors())
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains(
                          "[lb1] vrrp_instances[0].unicast_peer: instance 'vi_web' on lb1 lists unicast peers [198.18.0.13], but the other members are [198.18.0.12]"))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains(
                          "[lb2] vrrp_instances[0].unicast_peer: unicast peer 198.18.0.12 is this host itself"));

      ClusterFixture symmetric =
          pair(
              instance("MASTER", 150, "unicast_src_ip: 198.18.0.11\nunicast_peer: [198.18.0.12]"),
              instance("BACKUP", 100, "unicast_src_ip: 198.18.0.12\nunicast_peer: [198.18.0.11]"));
      assertThat(symmetric.errors()).isEmpty();
    }

    @Test
    void twoInstancesSharingARouterIdOnOneInterface_areAnError() {
      String second =
          """
            - name: vi_api
              state: %s
              interface: eth0
              router_id: %d
              priority: %d
              virtual_ips: [{ip: 198.18.0.101, cidr: 24}]
          """;
      ClusterFixture clash =
          pair(
              instance("MASTER", 150, "") + second.formatted("MASTER", 51, 150),
              instance("BACKUP", 100, "") + second.formatted("BACKUP", 51, 100));
      assertThat(clash.errors())
          .anySatisfy(
              e ->
                  assertThat(e).contains("router_id 51 on eth0 is also used by instance 'vi_web'"));

      ClusterFixture distinct =
          pair(
              instance("MASTER", 150, "") + second.formatted("MASTER", 52, 150),
              instance("BACKUP", 100, "") + second.formatted("BACKUP", 52, 100));
      assertThat(distinct.errors()).isEmpty();
    }

    @Test
    void anInstanceAHostCouldNotRead_isNotJudgedByWhoHasIt() {
      String peers = "unicast_peer: [198.18.0.12, 198.18.0.13]";
      String lb3WithoutInterface =
          instance("BACKUP", 50, "")
              .lines()
              .filter(line -> !line.strip().startsWith("interface:"))
              .map(line -> line + "\n")
              .reduce("", String::concat);
      ClusterFixture fixture =
          pair(
                  instance("MASTER", 150, "unicast_peer: [198.18.0.12, 198.18.0.13]"),
                  instance("BACKUP", 100, "unicast_peer: [198.18.0.11, 198.18.0.13]"))
              .host("lb3", "198.18.0.13")
              .file("lb3.yml", lb3WithoutInterface);

      assertThat(fixture.errors())
          .as("no 'lists unicast peers' while lb3's instance is unread: " + peers)
          .singleElement()
          .asString()
          .contains("[lb3] vrrp_instances[0].interface: required key 'interface' is missing");
    }

    @Test
    void mixingIpv4AndIpv6Vips_isAnError_andAnIpv6InstanceIsFine() {
      String mixed = "virtual_ips: [{ip: 198.18.0.100, cidr: 24}, {ip: '2001:db8::10', cidr: 64}]";
      assertThat(
              pair(
                      ClusterFixture.instanceOverriding("MASTER", 150, mixed),
                      ClusterFixture.instanceOverriding("BACKUP", 100, mixed))
                  .errors())
          .anySatisfy(e -> assertThat(e).contains("mixes IPv4 and IPv6 virtual IPs"));

      String v6 = "virtual_ips: [{ip: '2001:db8::10', cidr: 64}]";
      assertThat(
              pair(
                      ClusterFixture.instanceOverriding("MASTER", 150, v6),
                      ClusterFixture.instanceOverriding("BACKUP", 100, v6))
                  .errors())
          .isEmpty();
    }

    @Test
    void authenticationWithAFractionalAdvertInt_isAnError() {
      ClusterFixture fixture =
          pair(
                  instance("MASTER", 150, "authentication: {server_id: vrrp}")
                      .replace("advert_int: 1", "advert_int: 0.5"),
                  instance("BACKUP", 100, "authentication: {server_id: vrrp}")
                      .replace("advert_int: 1", "advert_int: 0.5"))
              .server("vrrp", "", "Vrrp-Pw");

      assertThat(fixture.errors())
          .anySatisfy(e -> assertThat(e).contains("VRRP authentication needs VRRP version 2"));
    }
  }

  @Nested
  @DisplayName("HAProxy rules")
  class HaproxyRules {

    private ClusterFixture withDefault(String defaultYml) {
      return ClusterFixture.healthyPair(dir).file("default.yml", defaultYml);
    }

    @Test
    void aMissingBackend_isAnError() {
      assertThat(
              withDefault(PAIR_DEFAULT.replace("default_backend: pool", "default_backend: pol"))
                  .errors())
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains(
                          "frontends[0].default_backend: backend 'pol' does not exist (fix: use one of [pool])"));
    }

    @Test
    void useBackend_mustNameAnExistingBackend() {
      String acl =
          PAIR_DEFAULT.replace(
              "    default_backend: pool\n",
              "    default_backend: pool\n    acl: [{name: is_api, criterion: path_beg /api}]\n    use_backend: [{backend: api, if: is_api}]\n");
      assertThat(withDefault(acl).errors())
          .anySatisfy(
              e -> assertThat(e).contains("use_backend[0].backend: backend 'api' does not exist"));
      assertThat(withDefault(acl.replace("backend: api,", "backend: pool,")).errors()).isEmpty();
    }

    @Test
    void aUseBackendThatCouldNotBeRead_isReportedOnly_asNotRead() {
      String unread =
          PAIR_DEFAULT.replace("    default_backend: pool\n", "    use_backend: [{if: x}]\n");

      assertThat(withDefault(unread).problems())
          .as("neither a backend '' nor a frontend sending its traffic to no backend")
          .hasSize(2)
          .allSatisfy(
              p ->
                  assertThat(p)
                      .contains("use_backend[0].backend: required key 'backend' is missing"));
    }

    @Test
    void duplicateNames_areAnError() {
      String twice =
          PAIR_DEFAULT
              + """
            - name: pool
              server: [{name: www02, dst: '198.18.1.12:80'}]
          """;
      assertThat(withDefault(twice.replace("backends:\n", "backends:\n")).errors())
          .anySatisfy(e -> assertThat(e).contains("there are two of backend 'pool'"));
    }

    @Test
    void twoFrontendsOnOneAddress_areAnError() {
      String two =
          PAIR_DEFAULT.replace(
              "backends:",
              """
            - name: web2
              bind: '198.18.0.100:80'
              default_backend: pool
          backends:""");
      assertThat(withDefault(two).errors())
          .anySatisfy(
              e -> assertThat(e).contains("198.18.0.100:80 is already bound by frontend 'web'"));
    }
  }
}
