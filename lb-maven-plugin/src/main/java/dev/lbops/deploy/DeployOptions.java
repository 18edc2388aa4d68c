package dev.lbops.deploy;

import dev.lbops.remote.HostLock;
import dev.lbops.ssh.HostKeys;
import java.time.Duration;
import java.util.Set;

/**
 * How to deploy.
 *
 * @param dryRun compute and show what would change, change nothing (lb:diff)
 * @param onlyHosts deploy to these hosts only (empty: all); pair checks still see every host
 * @param rollback restore the hosts changed in this run when one fails
 * @param hostKeys how host keys are verified
 * @param lockTimeout how long to wait for another deploy's lock on a host
 * @param force deploy also where that loses something on a host: a config edited there since the
 *     last deploy, every VRRP instance or every frontend and listen section it has
 * @param lease the lease this run's host locks are taken under ({@code lb.lockLease}, {@code
 *     lb.breakLock}), naming this build as their holder
 */
public record DeployOptions(
    boolean dryRun,
    Set<String> onlyHosts,
    int parallelism,
    boolean rollback,
    HostKeys hostKeys,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration lockTimeout,
    boolean force,
    HostLock.Lease lease) {

  public DeployOptions {
    onlyHosts = Set.copyOf(onlyHosts);
  }

  /** With a lease of the default length for the deploy goal, that breaks no live lock. */
  public DeployOptions(
      boolean dryRun,
      Set<String> onlyHosts,
      int parallelism,
      boolean rollback,
      HostKeys hostKeys,
      Duration connectTimeout,
      Duration commandTimeout,
      Duration lockTimeout,
      boolean force) {
    this(
        dryRun,
        onlyHosts,
        parallelism,
        rollback,
        hostKeys,
        connectTimeout,
        commandTimeout,
        lockTimeout,
        force,
        HostLock.Lease.of("deploy", HostLock.DEFAULT_LEASE, false));
  }
}
