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

  /** For reading the hosts only (lb:status): no check waits to settle, no drill, no probe. */
  static final VerifySettings READ_ONLY = new VerifySettings(0, 0, List.of(), 0, 0, "");

  VerifySettings {
    drills = List.copyOf(drills);
    probeHost = probeHost == null ? "" : probeHost;
  }

  VerifyOptions options(HostKeys hostKeys, Duration connectTimeout, Duration commandTimeout) {
    return options(
        hostKeys,
        connectTimeout,
        commandTimeout,
        HostLock.Lease.of("status", HostLock.DEFAULT_LEASE, false));
  }

  /** With {@code lease} for the drills' host locks. */
  VerifyOptions options(
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
