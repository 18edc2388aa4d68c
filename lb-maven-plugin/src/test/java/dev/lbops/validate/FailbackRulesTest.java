package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Failback;
import dev.lbops.model.HostConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailbackRulesTest {

  private static final String CLIENT_IP =
      PAIR_DEFAULT.replace("balance: roundrobin", "balance: roundrobin\n    send_client_ip: 1")
          + "haproxy_user: root\nhaproxy_group: root\n";

  @TempDir Path dir;

  private ClusterFixture pair(String lb1, String lb2) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", lb1)
        .file("lb2.yml", lb2);
  }

  private static Failback failback(ClusterFixture fixture, String host) {
    HostConfig config = fixture.cluster().host(host);
    return Failback.of(config, config.keepalived().instances().get(0));
  }

  @Test
  void byDefault_aPairFailsBackDelayed_andInClientIpModeNever() {
    ClusterFixture plain = ClusterFixture.healthyPair(dir);
    assertThat(failback(plain, "lb1")).isEqualTo(Failback.DELAYED);
    assertThat(plain.problems()).isEmpty();

    ClusterFixture clientIp = ClusterFixture.healthyPair(dir).file("default.yml", CLIENT_IP);
    assertThat(failback(clientIp, "lb1")).isEqualTo(Failback.NEVER);
    assertThat(clientIp.problems()).isEmpty();
  }

  @Test
  void nopreemptMeansNever_andPreemptDelayMeansDelayed_whenFailbackIsNotWritten() {
    ClusterFixture fixture =
        pair(instance("MASTER", 150, "nopreempt: true"), instance("BACKUP", 100, "nopreempt: 1"));
    assertThat(failback(fixture, "lb1")).isEqualTo(Failback.NEVER);

    fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", CLIENT_IP)
            .file("lb1.yml", instance("MASTER", 150, "preempt_delay: 30"))
            .file("lb2.yml", instance("BACKUP", 100, "preempt_delay: 30"));
    assertThat(failback(fixture, "lb1")).isEqualTo(Failback.DELAYED);
  }

  @Test
  void failbackForTheHost_appliesToEachInstance_unlessTheInstanceSaysOtherwise() {
    ClusterFixture fixture =
        pair(instance("MASTER", 150, ""), instance("BACKUP", 100, ""))
            .file("default.yml", PAIR_DEFAULT + "failback: never\n");
    assertThat(failback(fixture, "lb2")).isEqualTo(Failback.NEVER);

    fixture.file("lb2.yml", instance("BACKUP", 100, "failback: delayed"));
    assertThat(failback(fixture, "lb2")).isEqualTo(Failback.DELAYED);
  }

  @Test
  void hostsThatFailBackDifferently_areAnError_atTheWordThatDiffers() {
    assertThat(
            pair(instance("MASTER", 150, ""), instance("BACKUP", 100, "failback: never")).errors())
        .singleElement()
        .asString()
        .contains(
            "lb2.yml:9:15: [lb2] vrrp_instances[0].failback: instance 'vi_web' fails back 'never'"
                + " here but 'delayed' on lb1",
            "set the same failback on every host");
  }

  @Test
  void failbackNever_withAPreemptDelay_isAnError() {
    assertThat(
            pair(
                    instance("MASTER", 150, "failback: never\npreempt_delay: 10"),
                    instance("BACKUP", 100, "failback: never"))
                .errors())
        .singleElement()
        .asString()
        .contains(
            "[lb1] vrrp_instances[0].preempt_delay: preempt_delay does nothing with failback: never",
            "remove preempt_delay, or set failback: delayed");
  }

  @Test
  void failbackDelayed_withNopreempt_isAnError() {
    assertThat(
            pair(
                    instance("MASTER", 150, "failback: delayed"),
                    instance("BACKUP", 100, "failback: delayed\nnopreempt: true"))
                .errors())
        .singleElement()
        .asString()
        .contains("[lb2] vrrp_instances[0].nopreempt: nopreempt contradicts failback: delayed");
  }

  @Test
  void failbackImmediate_isAWarning_andWithPreemptSettingsAnError() {
    ClusterFixture fixture =
        pair(
            instance("MASTER", 150, "failback: immediate"),
            instance("BACKUP", 100, "failback: immediate"));
    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.warnings())
        .hasSize(2)
        .allSatisfy(
            warning ->
                assertThat(warning)
                    .contains("failback: immediate: a master that comes back takes the VIPs at"));

    assertThat(
            pair(
                    instance("MASTER", 150, "failback: immediate\npreempt_delay: 5"),
                    instance("BACKUP", 100, "failback: immediate"))
                .errors())
        .singleElement()
        .asString()
        .contains("preempt_delay contradicts failback: immediate");
  }

  @Test
  void aDelayedFailbackInClientIpMode_isWarnedAbout_withTheWayOut() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir).file("default.yml", CLIENT_IP + "failback: delayed\n");

    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.warnings())
        .hasSize(2)
        .allSatisfy(
            warning ->
                assertThat(warning)
                    .contains(
                        "default.yml:18:11",
                        "fails back in client-IP mode: the servers answer through the VIP",
                        "set failback: never (the default in client-IP mode)"));
  }

  @Test
  void aDelayedFailbackWithoutTheHaproxyCheck_isWarnedAbout() {
    assertThat(
            pair(
                    instance("MASTER", 150, "track_haproxy: false"),
                    instance("BACKUP", 100, "track_haproxy: false"))
                .warnings())
        .hasSize(2)
        .allSatisfy(
            warning ->
                assertThat(warning)
                    .contains("does not track HAProxy: a master that comes back cannot wait"));
  }

  @Test
  void theHaproxyCheck_isReadWithItsDefaults_andOutOfRangeValuesAreErrors() {
    ClusterFixture fixture = ClusterFixture.healthyPair(dir);
    assertThat(fixture.cluster().host("lb1").keepalived().haproxyCheck())
        .isEqualTo(new dev.lbops.model.HaproxyCheck(1, 3, 2));

    fixture.file("default.yml", PAIR_DEFAULT + "haproxy_check: {interval: 0, rise: 2, fal: 3}\n");
    assertThat(fixture.errors())
        .anySatisfy(error -> assertThat(error).contains("haproxy_check.fal: unknown key 'fal'"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(
                        "[lb1] haproxy_check.interval: interval 0 is out of range",
                        "write a whole number from 1 to 60"));
  }
}
