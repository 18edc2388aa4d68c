package dev.lbops.verify;

import java.util.List;

/**
 * What one failover drill measured. Times are milliseconds from the start of the drill; a value of
 * -1 means it did not happen within the drill's time.
 *
 * @param target the address and port probed, or empty when no frontend binds the VIP
 * @param masterStoppedAt when the master was taken away
 * @param vipOnBackupAt when the backup was seen holding the VIPs
 * @param failoverGapMillis from taking the master away until requests succeeded again (0 when none
 *     failed)
 * @param failoverMillis the failover as the limit judges it: the longer of the VIP's move and the
 *     traffic gap, or -1 when the VIP never moved
 * @param masterBackAt when the master was started (or brought back from its node loss) again
 * @param vipBackAt when the master was seen holding the VIPs again, or -1 when it did not (as it
 *     should not with {@code failback: never})
 * @param failbackGapMillis from the master's return until requests succeeded again (0 when none
 *     failed)
 * @param failbackMillis the fail-back as a client sees it: the longer of the VIPs' way back and the
 *     traffic gap, or -1 when the VIPs did not come back
 * @param limitMillis the longest failover allowed
 * @param failback the instance's fail-back ({@code delayed}, {@code never}, {@code immediate}), or
 *     empty when the drill did not run
 * @param failbackExpected whether the VIPs were to come back to the master
 * @param failedAt when the drill went wrong (over the limit, a request lost on the way back, the
 *     VIPs not back in time...), or -1 when it passed or did not run
 */
public record DrillResult(
    String instance,
    DrillMode mode,
    String master,
    String backup,
    String target,
    long masterStoppedAt,
    long vipOnBackupAt,
    long failoverGapMillis,
    long failoverMillis,
    int failedDuringFailover,
    long masterBackAt,
    long vipBackAt,
    long failbackGapMillis,
    long failbackMillis,
    int failedDuringFailback,
    long limitMillis,
    String failback,
    boolean failbackExpected,
    long failedAt,
    boolean passed,
    String message,
    List<ProbeSample> samples) {

  public DrillResult {
    samples = List.copyOf(samples);
  }

  /** Whether the drill took place (the master was taken away), whatever it found. */
  public boolean ran() {
    return masterStoppedAt >= 0;
  }

  /** A drill that could not take place, or broke off: nothing measured. */
  static DrillResult notRun(
      String instance,
      DrillMode mode,
      String master,
      String backup,
      String target,
      long limitMillis,
      String message,
      List<ProbeSample> samples) {
    return new DrillResult(
        instance,
        mode,
        master,
        backup,
        target,
        -1,
        -1,
        -1,
        -1,
        0,
        -1,
        -1,
        -1,
        -1,
        0,
        limitMillis,
        "",
        false,
        -1,
        false,
        message,
        samples);
  }
}
