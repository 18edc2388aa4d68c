package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Cluster;
import dev.lbops.model.Failback;
import dev.lbops.model.SharedInstance;
import dev.lbops.remote.HostState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a drill expects of the master's return, and how it judges what it measured. */
class FailbackDrillTest {

  @TempDir Path directory;

  private SharedInstance instance(String extra) {
    Cluster cluster =
        ClusterFixture.healthyPair(directory)
            .file("default.yml", ClusterFixture.PAIR_DEFAULT + extra)
            .load()
            .cluster();
    return cluster.instances().get(0);
  }

  private static DrillPlan.Ready plan(SharedInstance instance, String holder) {
    HostState holds = HostState.parse(holder, "addresses=198.18.0.100");
    String other = holder.equals("lb1") ? "lb2" : "lb1";
    HostState free = HostState.parse(other, "addresses=198.18.0.1");
    return (DrillPlan.Ready)
        DrillPlan.of(
            instance, DrillMode.GRACEFUL, Map.of(holder, holds, other, free), List.of(), 0);
  }

  @Test
  void aDelayedFailback_isExpectedBack_afterTheCheckTheDelayAndTheMasterDownInterval() {
    DrillPlan.FailbackExpectation expected = plan(instance(""), "lb1").failback();

    assertThat(expected.failback()).isEqualTo(Failback.DELAYED);
    assertThat(expected.returns()).isTrue();
    assertThat(expected.lossless()).isTrue();
    // 1 s start + rise 3 x 1 s + preempt_delay max(5, (3 + 2) x 1) + 3 adverts + lb1's skew + 2 s
    assertThat(expected.millis()).isEqualTo(1000 + 3000 + 5000 + 3000 + 414 + 2000);
  }

  @Test
  void failbackNever_expectsTheVipsToStay_andImmediateToleratesLosses() {
    DrillPlan.FailbackExpectation never = plan(instance("failback: never\n"), "lb1").failback();
    assertThat(never.returns()).isFalse();
    assertThat(never.lossless()).isTrue();
    assertThat(never.millis()).isEqualTo(1000 + 3000 + 3414 + 2000);

    DrillPlan.FailbackExpectation immediate =
        plan(instance("failback: immediate\n"), "lb1").failback();
    assertThat(immediate.returns()).isTrue();
    assertThat(immediate.lossless()).isFalse();
  }

  @Test
  void aDrillOfTheBackupHoldingTheVips_expectsThemToStayOnTheMaster() {
    SharedInstance instance = instance("");

    assertThat(plan(instance, "lb2").failback().returns()).isFalse();
    assertThat(DrillPlan.preferredHolder(instance))
        .get()
        .extracting(h -> h.name())
        .isEqualTo("lb1");
    assertThat(DrillPlan.preferredHolder(instance("failback: never\n"))).isEmpty();
  }

  private static List<ProbeSample> samples(long until, long... failedAt) {
    List<ProbeSample> samples = new ArrayList<>();
    for (long at = 0; at < until; at += 50) {
      boolean failed = false;
      for (long f : failedAt) {
        failed |= at == f;
      }
      samples.add(new ProbeSample(at, !failed, failed ? 300 : 2));
    }
    return samples;
  }

  private static DrillVerdict judge(DrillPlan.Ready plan, long vipBack, List<ProbeSample> samples) {
    return DrillVerdict.of(
        plan,
        1000,
        1700,
        RequestGap.of(samples, 1000, 3000),
        700,
        3000,
        vipBack,
        RequestGap.of(samples, 3000, Long.MAX_VALUE),
        samples);
  }

  @Test
  void aFailbackThatLosesARequest_failsADelayedDrill_whereTheRequestWasLost() {
    DrillPlan.Ready plan = plan(instance(""), "lb1");

    assertThat(judge(plan, 11_000, samples(14_000, 1050)).passed()).isTrue();
    DrillVerdict lossy = judge(plan, 11_000, samples(14_000, 1050, 11_100));
    assertThat(lossy.passed()).isFalse();
    assertThat(lossy.failedAt()).isEqualTo(11_100);
    assertThat(lossy.why()).startsWith("the fail-back lost requests, but failback delayed asks");
  }

  @Test
  void evenTheOneRequestUnderWayWhenTheVipsMove_isALoss() {
    DrillPlan.Ready plan = plan(instance(""), "lb1");

    // Sent 50 ms before the VIPs were seen on lb1, timed out 250 ms after: the old holder serves
    // it (handover.sh), so its loss is a loss.
    DrillVerdict underWay = judge(plan, 11_050, samples(14_000, 11_000));
    assertThat(underWay.passed()).isFalse();
    assertThat(underWay.failedAt()).isEqualTo(11_000);
  }

  @Test
  void aDelayedDrill_failsWhenTheVipsDoNotComeBack_andANeverDrillWhenTheyDo() {
    DrillVerdict notBack = judge(plan(instance(""), "lb1"), -1, samples(20_000));
    assertThat(notBack.why()).startsWith("lb1 did not take the VIPs back within 14414 ms");
    assertThat(notBack.failedAt()).isEqualTo(3000 + 14_414);

    DrillVerdict back = judge(plan(instance("failback: never\n"), "lb1"), 9000, samples(20_000));
    assertThat(back.why())
        .isEqualTo("lb1 took the VIPs back, but failback never should have left them on lb2");
  }

  @Test
  void anImmediateFailback_mayLoseRequests() {
    assertThat(
            judge(plan(instance("failback: immediate\n"), "lb1"), 4000, samples(8000, 4000))
                .passed())
        .isTrue();
  }
}
