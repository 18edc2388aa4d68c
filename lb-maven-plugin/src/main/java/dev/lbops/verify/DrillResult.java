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
 * @param masterBackAt when the master was started (or thawed) again
 * @param vipBackAt when the master was seen holding the VIPs again
 * @param failbackGapMillis from the master's return until requests succeeded again
 * @param limitMillis the longest failover allowed
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
    int failedDuringFailback,
    long limitMillis,
    boolean passed,
    String message,
    List<ProbeSample> samples) {

  public DrillResult {
    samples = List.copyOf(samples);
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
        0,
        limitMillis,
        false,
        message,
        samples);
  }
}
