package dev.lbops.verify;

import java.util.List;

/**
 * Whether a drill that ran passed: the failover within its limit and requests succeeding after it,
 * and the fail-back as the instance's {@code failback} asks: a lossless one loses no request.
 *
 * @param why what went wrong, or empty when the drill passed
 * @param failedAt when it went wrong, or -1
 */
record DrillVerdict(String why, long failedAt) {

  boolean passed() {
    return why.isEmpty();
  }

  static DrillVerdict of(
      DrillPlan.Ready plan,
      long stoppedAt,
      long vipOnBackup,
      RequestGap failover,
      long failoverMillis,
      long backAt,
      long vipBack,
      RequestGap failbackGap,
      List<ProbeSample> samples) {
    long limit = plan.limitMillis();
    DrillPlan.FailbackExpectation failback = plan.failback();
    String master = plan.master().name();
    String backup = plan.backup().name();
    if (vipOnBackup < 0) {
      return new DrillVerdict("the VIPs never moved to " + backup, stoppedAt + limit);
    }
    if (!failover.recovered()) {
      return new DrillVerdict("requests kept failing after the failover", stoppedAt + limit);
    }
    if (failoverMillis > limit) {
      return new DrillVerdict(
          "over the limit: lower advert_int (VRRPv3 allows fractions), or raise"
              + " lb.maxFailoverMillis",
          stoppedAt + limit);
    }
    if (failback.returns() && vipBack < 0) {
      return new DrillVerdict(
          master
              + " did not take the VIPs back within "
              + failback.millis()
              + " ms (chk_haproxy failing on it? see lb:status)",
          backAt + failback.millis());
    }
    if (!failback.returns() && vipBack >= 0) {
      return new DrillVerdict(
          master
              + " took the VIPs back, but failback "
              + failback.failback().word()
              + " should have left them on "
              + backup,
          vipBack);
    }
    if (!failbackGap.recovered()) {
      return new DrillVerdict("requests kept failing after the master's return", backAt);
    }
    if (failback.lossless() && failbackGap.failed() > 0) {
      long firstLost =
          samples.stream()
              .filter(sample -> sample.atMillis() >= backAt && !sample.ok())
              .mapToLong(ProbeSample::atMillis)
              .findFirst()
              .orElse(backAt);
      return new DrillVerdict(
          "the fail-back lost requests, but failback "
              + failback.failback().word()
              + " asks for none"
              + (plan.master().haproxy().sendsClientIp()
                  ? " (in client-IP mode a request in flight when the VIPs move is lost:"
                      + " failback: never avoids the move)"
                  : " (a request under way when the VIPs move is handed to the old holder where"
                      + " lb:deploy set that up: IPv4 VIPs, a peer with an IPv4 address on the"
                      + " instance's network; lb:deploy warns of any other)"),
          firstLost);
    }
    return new DrillVerdict("", -1);
  }
}
