package dev.lbops.maven;

import dev.lbops.remote.HostLock;
import dev.lbops.ssh.HostKeys;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.VerifyOptions;
import java.time.Duration;
import java.util.List;

/**
 * The check and drill parameters of lb:verify, lb:setup and lb:rehearse, read and checked.
 *
 * @param drills the drills to run, in order; empty for the checks only
 * @param probeHost the inventory host the drills probe from, or empty for this machine
 */
record VerifySettings(
    int settleSeconds,
    int probeTimeoutMillis,
    List<DrillMode> drills,
    long maxFailoverMillis,
    int probeIntervalMillis,
    String probeHost) {

  /** The shortest probe timeout and interval. */
  static final int MIN_PROBE_MILLIS = 10;

  /** For reading the hosts only (lb:status): no check waits to settle, no drill, no probe. */
  static final VerifySettings READ_ONLY = new VerifySettings(0, 0, List.of(), 0, 0, "");

  VerifySettings {
    drills = List.copyOf(drills);
    probeHost = probeHost == null ? "" : probeHost;
  }

  VerifyOptions options(HostKeys hostKeys, Duration connectTimeout, Duration commandTimeout) {
    return build(
        hostKeys,
        connectTimeout,
        commandTimeout,
        HostLock.Lease.of("status", HostLock.DEFAULT_LEASE, false));
  }

  /**
   * With {@code lease} for the drills' host locks, each figure checked first.
   *
   * @throws IllegalArgumentException naming the property of a figure out of its range
   */
  VerifyOptions options(
      HostKeys hostKeys, Duration connectTimeout, Duration commandTimeout, HostLock.Lease lease) {
    Parameters.atLeast(PropertyNames.SETTLE_SECONDS, settleSeconds, 0);
    // curl -m 0 would wait forever; below 10 ms a probe measures the machine, not the pair.
    Parameters.atLeast(PropertyNames.PROBE_TIMEOUT_MILLIS, probeTimeoutMillis, MIN_PROBE_MILLIS);
    Parameters.atLeast(PropertyNames.PROBE_INTERVAL_MILLIS, probeIntervalMillis, MIN_PROBE_MILLIS);
    if (maxFailoverMillis < 0) {
      throw new IllegalArgumentException(
          PropertyNames.MAX_FAILOVER_MILLIS
              + " is "
              + maxFailoverMillis
              + ", but must be at least 0 (0 derives the limit from each instance's advert_int)");
    }
    return build(hostKeys, connectTimeout, commandTimeout, lease);
  }

  private VerifyOptions build(
      HostKeys hostKeys, Duration connectTimeout, Duration commandTimeout, HostLock.Lease lease) {
    return new VerifyOptions(
        hostKeys,
        connectTimeout,
        commandTimeout,
        drills,
        maxFailoverMillis,
        Duration.ofMillis(probeIntervalMillis),
        Duration.ofMillis(probeTimeoutMillis),
        probeHost,
        Duration.ofSeconds(settleSeconds),
        lease);
  }
}
