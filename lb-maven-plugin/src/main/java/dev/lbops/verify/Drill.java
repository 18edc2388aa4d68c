package dev.lbops.verify;

import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.Templates;
import dev.lbops.core.Threads;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostLock;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One failover drill of one VRRP instance: with the master's and the backup's deploy locks held and
 * a probe sending requests through the VIP, take the master away (Keepalived stopped, or the node
 * frozen), measure how long until the backup holds the VIPs and requests succeed again, bring the
 * master back and measure the fail-back against what the instance's {@code failback} promises. The
 * master is left thawed with Keepalived running, whatever happens.
 */
final class Drill {

  /** The scripts that freeze and thaw the master, beside this class as resources. */
  private static final Templates SCRIPTS =
      Templates.bundled("dev/lbops/verify/", Templates.Escaping.SHELL);

  private static final int SUCCESSES_FOR_RECOVERY = 5;

  private final LbLog log;
  private final String instance;
  private final DrillMode mode;
  private final String label;
  private final HostConfig master;
  private final HostConfig backup;
  private final RemoteHost masterHost;
  private final RemoteHost backupHost;
  private final ServiceControl control;
  private final List<String> vips;
  private final Optional<TrafficTarget> target;
  private final long limit;
  private final VrrpInstance masterInstance;
  private final DrillPlan.FailbackExpectation failback;
  private final DrillPlan.Ready plan;
  private final VerifyOptions options;
  private final SshConnection probe;

  /**
   * @param masterHost the master's shell, {@code backupHost} the backup's
   * @param control how the master's services are driven
   * @param probe where the probe runs (over SSH), or {@code null} for this machine
   */
  Drill(
      LbLog log,
      DrillPlan.Ready plan,
      DrillMode mode,
      RemoteHost masterHost,
      RemoteHost backupHost,
      ServiceControl control,
      VerifyOptions options,
      SshConnection probe) {
    this.log = log;
    this.instance = plan.instance();
    this.mode = mode;
    this.label = mode.name().toLowerCase().replace('_', ' ');
    this.master = plan.master();
    this.backup = plan.backup();
    this.masterHost = masterHost;
    this.backupHost = backupHost;
    this.control = control;
    this.vips = plan.vips();
    this.target = plan.target();
    this.limit = plan.limitMillis();
    this.masterInstance = plan.masterInstance();
    this.failback = plan.failback();
    this.plan = plan;
    this.options = options;
    this.probe = probe;
  }

  DrillResult run() {
    log.info(
        "Drill ("
            + label
            + "): taking "
            + master.name()
            + " away from "
            + instance
            + ", expecting "
            + backup.name()
            + " to take "
            + vips
            + " over"
            + target.map(t -> ", probing " + t.display()).orElse(""));
    List<RemoteHost> locked = new ArrayList<>();
    for (RemoteHost host : List.of(masterHost, backupHost)) {
      if (!host.script(HostLock.take()).stdout().contains("lock=acquired")) {
        locked.forEach(this::unlock);
        return notRun(
            "not run: a deploy or another drill holds "
                + host.name()
                + "'s lock ("
                + HostLock.PATH
                + ")",
            List.of());
      }
      locked.add(host);
    }
    long origin = System.nanoTime();
    Prober prober =
        target
            .map(
                t ->
                    probe == null
                        ? Prober.local(t, options.probeInterval(), options.probeTimeout(), origin)
                        : Prober.from(
                            probe, t, options.probeInterval(), options.probeTimeout(), origin))
            .orElse(null);
    try {
      if (prober != null
          && !prober.awaitSuccesses(
              0, SUCCESSES_FOR_RECOVERY, System.nanoTime() + 10_000_000_000L)) {
        return notRun(
            prober.failure().isEmpty()
                ? "not run: requests through " + target.get().display() + " fail before the drill"
                : "not run: " + prober.failure(),
            prober.samples());
      }
      long stoppedAt = millisSince(origin);
      CompletableFuture<CommandResult> takeAway =
          CompletableFuture.supplyAsync(
              () ->
                  masterHost.script(
                      mode == DrillMode.GRACEFUL
                          ? control.stop(Service.KEEPALIVED)
                          : SCRIPTS.render("drill-freeze.sh.mustache", Map.of())));
      long deadline = System.nanoTime() + (limit + 5000) * 1_000_000;
      long vipOnBackup = awaitHolder(backupHost, deadline, origin);
      CommandResult taken = takeAway.join();
      if (!taken.ok()) {
        throw new SshException(
            master.name(), "taking keepalived away failed: " + taken.stderr().strip(), null);
      }
      if (prober != null) {
        prober.awaitSuccesses(Math.max(stoppedAt, vipOnBackup), SUCCESSES_FOR_RECOVERY, deadline);
      }
      long backAt = millisSince(origin);
      CommandResult back = masterHost.script(returnScript());
      if (!back.ok()) {
        throw new SshException(
            master.name(), "starting keepalived again failed: " + back.stderr().strip(), null);
      }
      long failbackEnd = System.nanoTime() + failback.millis() * 1_000_000;
      // When they should not come back, the VIPs are watched as long as they would take to.
      long vipBack = awaitHolder(masterHost, failbackEnd, origin);
      if (prober != null && vipBack >= 0) {
        prober.awaitSuccesses(vipBack, SUCCESSES_FOR_RECOVERY, failbackEnd + 5_000_000_000L);
      }
      if (prober != null) {
        prober.close();
      }
      List<ProbeSample> samples = prober == null ? List.of() : prober.samples();
      RequestGap failover = RequestGap.of(samples, stoppedAt, backAt);
      RequestGap failbackGap = RequestGap.of(samples, backAt, Long.MAX_VALUE);
      long failoverMillis =
          vipOnBackup < 0 ? -1 : Math.max(vipOnBackup - stoppedAt, failover.millis());
      long failbackMillis =
          vipBack < 0 || !failbackGap.recovered()
              ? -1
              : Math.max(vipBack - backAt, failbackGap.millis());
      DrillVerdict verdict =
          DrillVerdict.of(
              plan,
              stoppedAt,
              vipOnBackup,
              failover,
              failoverMillis,
              backAt,
              vipBack,
              failbackGap,
              samples);
      String message =
          String.format(
              "%s failover: %s%s (limit %d ms); fail-back (%s): %s%s%s",
              label,
              vipOnBackup < 0
                  ? backup.name() + " never took " + vips + " over"
                  : "VIP on " + backup.name() + " after " + (vipOnBackup - stoppedAt) + " ms",
              target.isEmpty()
                  ? ", traffic not probed (no frontend binds the VIP)"
                  : failover.describe(),
              limit,
              failback.failback().word(),
              failbackDescription(backAt, vipBack),
              target.isEmpty() ? "" : failbackGap.describe(),
              verdict.why().isEmpty() ? "" : " — " + verdict.why());
      log.info("Drill (" + label + ") of " + instance + ": " + message);
      return new DrillResult(
          instance,
          mode,
          master.name(),
          backup.name(),
          target.map(TrafficTarget::display).orElse(""),
          stoppedAt,
          vipOnBackup,
          failover.millis(),
          failoverMillis,
          failover.failed(),
          backAt,
          vipBack,
          failbackGap.millis(),
          failbackMillis,
          failbackGap.failed(),
          limit,
          failback.failback().word(),
          failback.returns(),
          verdict.failedAt(),
          verdict.passed(),
          message,
          samples);
    } catch (SshException e) {
      return notRun(
          "the drill failed: " + Secret.redact(e.getMessage(), master.secrets()),
          prober == null ? List.of() : prober.samples());
    } finally {
      if (prober != null) {
        prober.close();
      }
      leaveAsFound();
      locked.forEach(this::unlock);
    }
  }

  private String failbackDescription(long backAt, long vipBack) {
    if (vipBack >= 0) {
      return "VIP on " + master.name() + " after " + (vipBack - backAt) + " ms";
    }
    return failback.returns()
        ? master.name() + " did not take the VIP back"
        : "the VIP stayed on " + backup.name() + " for " + failback.millis() + " ms";
  }

  /**
   * How the master comes back: Keepalived started again; after a node loss, as after a crash:
   * Keepalived, still frozen, is killed without a goodbye (thawed, it would still be MASTER and
   * take the VIPs back at once, whatever the fail-back says), the VIPs it left are dropped, the
   * rest thawed and Keepalived started anew.
   */
  private String returnScript() {
    if (mode == DrillMode.GRACEFUL) {
      return control.start(Service.KEEPALIVED);
    }
    List<Map<String, String>> addresses =
        masterInstance.virtualIps().stream()
            .map(
                vip ->
                    Map.of(
                        "address",
                        vip.ip() + "/" + vip.cidr(),
                        "interface",
                        masterInstance.interfaceName()))
            .toList();
    return SCRIPTS.render(
        "drill-thaw-restart.sh.mustache",
        Map.of("vips", addresses, "start", control.start(Service.KEEPALIVED)));
  }

  private DrillResult notRun(String why, List<ProbeSample> samples) {
    return DrillResult.notRun(
        instance,
        mode,
        master.name(),
        backup.name(),
        target.map(TrafficTarget::display).orElse(""),
        limit,
        why,
        samples);
  }

  private void unlock(RemoteHost host) {
    try {
      host.script(HostLock.release());
    } catch (SshException e) {
      log.warn(
          "["
              + host.name()
              + "] could not release the drill's lock; remove it by hand: "
              + HostLock.release());
    }
  }

  /** Keepalived on the master thawed and running, whatever happened during the drill. */
  private void leaveAsFound() {
    try {
      CommandResult result =
          masterHost.script(
              SCRIPTS.render(
                  "drill-leave-as-found.sh.mustache",
                  Map.of(
                      "status", control.status(Service.KEEPALIVED),
                      "start", control.start(Service.KEEPALIVED))));
      if (!result.ok()) {
        log.warn(
            "["
                + master.name()
                + "] keepalived could not be started again after the drill: start it by hand");
      }
    } catch (SshException e) {
      log.warn(
          "[" + master.name() + "] could not check keepalived after the drill: " + e.getMessage());
    }
  }

  /** Polls a host until it holds all the instance's VIPs; returns when, or -1 at the deadline. */
  private long awaitHolder(RemoteHost remote, long deadline, long origin) {
    while (System.nanoTime() < deadline) {
      HostState state = HostState.parse(remote.name(), remote.script(HostState.ADDRESSES).stdout());
      if (vips.stream().allMatch(state::holds)) {
        return millisSince(origin);
      }
      Threads.sleep(20);
    }
    return -1;
  }

  private static long millisSince(long origin) {
    return (System.nanoTime() - origin) / 1_000_000;
  }
}
