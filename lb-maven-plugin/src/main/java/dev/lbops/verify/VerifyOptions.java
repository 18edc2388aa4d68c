package dev.lbops.verify;

import dev.lbops.remote.HostLock;
import dev.lbops.ssh.HostKeys;
import java.time.Duration;
import java.util.List;

/**
 * How to verify.
 *
 * @param drills the failover drills to run, in order (empty: state and traffic checks only)
 * @param maxFailoverMillis the longest failover a drill allows; 0 derives it per instance from
 *     advert_int: 3 adverts plus the backup's skew (when VRRP deems the master down) plus 1 s
 * @param probeInterval the pause between two probe requests
 * @param probeTimeout how long one probe request may take
 * @param probeHost the inventory host the drills probe from over SSH, or empty for this machine
 * @param settle how long the checks may take to pass, as right after a deploy: Keepalived takes a
 *     few adverts to elect a master and HAProxy a few health checks to see its servers up
 * @param lease the lease a drill's host locks are taken under ({@code lb.lockLease}, {@code
 *     lb.breakLock})
 */
public record VerifyOptions(
    HostKeys hostKeys,
    Duration connectTimeout,
    Duration commandTimeout,
    List<DrillMode> drills,
    long maxFailoverMillis,
    Duration probeInterval,
    Duration probeTimeout,
    String probeHost,
    Duration settle,
    HostLock.Lease lease) {

  public VerifyOptions {
    drills = List.copyOf(drills);
  }

  /** With a lease of the default length for the verify goal, that breaks no live lock. */
  public VerifyOptions(
      HostKeys hostKeys,
      Duration connectTimeout,
      Duration commandTimeout,
      List<DrillMode> drills,
      long maxFailoverMillis,
      Duration probeInterval,
      Duration probeTimeout,
      String probeHost,
      Duration settle) {
    this(
        hostKeys,
        connectTimeout,
        commandTimeout,
        drills,
        maxFailoverMillis,
        probeInterval,
        probeTimeout,
        probeHost,
        settle,
        HostLock.Lease.of("verify", HostLock.DEFAULT_LEASE, false));
  }

  /** The same checks and drills on a lab: with its host keys, probing from this machine. */
  public VerifyOptions onLab(HostKeys labHostKeys) {
    return new VerifyOptions(
        labHostKeys,
        connectTimeout,
        commandTimeout,
        drills,
        maxFailoverMillis,
        probeInterval,
        probeTimeout,
        "",
        settle,
        lease);
  }
}
