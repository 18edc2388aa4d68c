package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Failover;
import dev.lbops.model.VrrpInstance;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverRulesTest {

  @TempDir Path dir;

  /** The fixture's instance without its {@code advert_int: 1}. */
  private static String noAdvert(String state, int priority, String extra) {
    return instance(state, priority, extra).replace("    advert_int: 1\n", "");
  }

  private ClusterFixture pair(String lb1, String lb2) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", lb1)
        .file("lb2.yml", lb2);
  }

  private ClusterFixture fastPair(String lb1Extra, String lb2Extra) {
    return pair(
        noAdvert("MASTER", 254, "failover: fast\n" + lb1Extra),
        noAdvert("BACKUP", 253, "failover: fast\n" + lb2Extra));
  }

  private static VrrpInstance first(ClusterFixture fixture, String host) {
    return fixture.cluster().host(host).keepalived().instances().get(0);
  }

  @Test
  void failoverFast_withCloseProrities_isValid_andGetsFastAdvertsAndGarps() {
    ClusterFixture fixture = fastPair("", "");

    assertThat(fixture.problems()).isEmpty();
    VrrpInstance backup = first(fixture, "lb2");
    assertThat(backup.failover()).isEqualTo(Failover.FAST);
    assertThat(backup.advertInt()).isEqualByComparingTo(new BigDecimal("0.03"));
    assertThat(backup.garp().masterDelay()).isEqualTo(1);
    assertThat(Failover.masterDownMillis(backup)).isEqualTo(90);
  }

  @Test
  void failoverForTheHost_appliesToEachInstance_unlessTheInstanceSaysStandard() {
    ClusterFixture fixture =
        pair(noAdvert("MASTER", 254, ""), noAdvert("BACKUP", 253, ""))
            .file("default.yml", PAIR_DEFAULT + "failover: fast\n");
    assertThat(first(fixture, "lb2").failover()).isEqualTo(Failover.FAST);
    assertThat(fixture.problems()).isEmpty();

    fixture.file("lb2.yml", noAdvert("BACKUP", 253, "failover: standard"));
    assertThat(first(fixture, "lb2").failover()).isEqualTo(Failover.STANDARD);
    assertThat(first(fixture, "lb2").advertInt()).isEqualByComparingTo(BigDecimal.ONE);
  }

  @Test
  void byDefault_theFailoverIsStandard_andChangesNothing() {
    ClusterFixture fixture = ClusterFixture.healthyPair(dir);

    VrrpInstance master = first(fixture, "lb1");
    assertThat(master.failover()).isEqualTo(Failover.STANDARD);
    assertThat(master.garp().masterDelay()).isNull();
  }

  @Test
  void anUnknownFailover_isAnError_listingTheWords() {
    assertThat(fastPair("", "").file("default.yml", PAIR_DEFAULT + "failover: quick\n").errors())
        .anySatisfy(e -> assertThat(e).contains("failover", "quick", "standard", "fast"));
  }

  @Test
  void authentication_isAnError_namingFailoverFast_once() {
    ClusterFixture fixture =
        fastPair("authentication: {type: PASS, server_id: vrrp}", "").server("vrrp", "", "s3cret");

    assertThat(fixture.errors())
        .singleElement()
        .asString()
        .contains(
            "lb1.yml:",
            "[lb1] vrrp_instances[0].authentication: failover: fast needs VRRP version 3",
            "which has no authentication",
            "remove 'authentication'");
  }

  @Test
  void vrrpVersion2_isAnError() {
    assertThat(fastPair("", "vrrp_version: 2").errors())
        .singleElement()
        .asString()
        .contains(
            "[lb2] vrrp_instances[0].vrrp_version: failover: fast needs VRRP version 3",
            "remove vrrp_version, or write 3");
  }

  @Test
  void aSlowerAdvertInt_isAnError_atTheAdvertInt_sayingHowLongItWouldTake() {
    ClusterFixture fixture =
        pair(
            instance("MASTER", 254, "failover: fast").replace("advert_int: 1", "advert_int: 0.05"),
            instance("BACKUP", 253, "failover: fast").replace("advert_int: 1", "advert_int: 0.05"));

    assertThat(fixture.errors())
        .hasSize(2)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "lb2.yml:7:17:",
                        "[lb2] vrrp_instances[0].advert_int: failover: fast needs this host to take"
                            + " over within 100 ms of the master's last advert, but advert_int"
                            + " 0.05 with priority 253 makes it 150 ms",
                        "leave advert_int out (fast uses 0.03"));
  }

  @Test
  void aBackupPriorityFarBelowTheMasters_isAnError_atThePriority_withTheLowestThatWorks() {
    ClusterFixture fixture =
        fastPair("", "").file("lb2.yml", noAdvert("BACKUP", 100, "failover: fast"));

    assertThat(fixture.errors())
        .singleElement()
        .asString()
        .contains(
            "[lb2] vrrp_instances[0].priority:",
            "advert_int 0.03 with priority 100 makes it 108 ms",
            "a priority of 171 or more");
  }

  @Test
  void garpMasterDelay0_isAnError() {
    assertThat(fastPair("garp_master_delay: 0", "").errors())
        .singleElement()
        .asString()
        .contains(
            "[lb1] vrrp_instances[0].garp_master_delay: garp_master_delay 0 sends no second round",
            "remove garp_master_delay (fast writes 1), or write 1 or more");
  }

  @Test
  void hostsThatFailOverDifferently_areAnError_atTheWordThatDiffers() {
    ClusterFixture fixture =
        pair(
            instance("MASTER", 254, "failover: fast").replace("advert_int: 1", "advert_int: 0.03"),
            instance("BACKUP", 253, "failover: standard")
                .replace("advert_int: 1", "advert_int: 0.03"));

    assertThat(fixture.errors())
        .singleElement()
        .asString()
        .contains(
            "lb2.yml:",
            "[lb2] vrrp_instances[0].failover: instance 'vi_web' has failover: standard here but"
                + " fast on lb1",
            "set the same failover on every host of the instance");
  }
}
