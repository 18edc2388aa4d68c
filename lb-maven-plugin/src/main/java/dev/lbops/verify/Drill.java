package dev.lbops.verify;

import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.Templates;
import dev.lbops.core.Threads;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.DrillMarker;
import dev.lbops.remote.HostLocks;
import dev.lbops.remote.HostState;
import dev.lbops.remote.HostStepException;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One failover drill of one VRRP instance: with the master's and the backup's locks held (one
 * lease, taken in host-name order, all released at the end) and a probe sending requests through
 * the VIP, take the master away (Keepalived stopped, or the node frozen), measure how long until
 * the backup holds the VIPs and requests succeed again, bring the master back and measure the
 * fail-back against what the instance's {@code failback} promises. The master is left thawed with
 * Keepalived running, whatever happens: a marker on it ({@link DrillMarker}) says what was taken
 * away until it is back, and a shutdown hook puts it back when the build is interrupted (Ctrl-C, a
 * CI cancel) meanwhile; a build killed outright leaves the marker for the next goal to repair.
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
  private final HostLocks locks;
  private final AtomicBoolean putBack = new AtomicBoolean();

  /**
   * @param masterHost the master's shell, {@code backupHost} the backup's
   * @param control how the master's services are driven
   * @param probe where the probe runs (over SSH), or {@code null} for this machine
   * @param locks the verify's locks, under its lease
   */
  Drill(
      LbLog log,
      DrillPlan.Ready plan,
      DrillMode mode,
      RemoteHost masterHost,
      RemoteHost backupHost,
      ServiceControl control,
      VerifyOptions options,
      SshConnection probe,
      HostLocks locks) {
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
    this.locks = locks;
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
    try {
      locks.takeAll(List.of(masterHost, backupHost), host -> "", Duration.ZERO);
    } catch (HostStepException | SshException e) {
      return notRun("not run: " + Secret.redact(e.getMessage(), master.secrets()), List.of());
    }
    Thread hook = new Thread(this::putBackOnShutdown, "lb-drill-put-back");
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
      DrillMarker.Away away =
          mode == DrillMode.GRACEFUL
              ? DrillMarker.Away.KEEPALIVED_STOPPED
              : DrillMarker.Away.DAEMONS_FROZEN;
      String takeAwayScript =
          DrillMarker.mark(options.lease(), away)
              + (mode == DrillMode.GRACEFUL
                  ? control.stop(Service.KEEPALIVED)
                  : SCRIPTS.render("drill-freeze.sh.mustache", Map.of()));
      Runtime.getRuntime().addShutdownHook(hook);
      long stoppedAt = millisSince(origin);
      CompletableFuture<CommandResult> takeAway =
          CompletableFuture.supplyAsync(
              () -> masterHost.script("take the master away: " + away.words(), takeAwayScript));
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
      // The marker goes only once the master is back: its failure is the script's.
      CommandResult back =
          masterHost.script(
              "bring the master back", "{\n" + returnScript() + "\n} && " + DrillMarker.unmark());
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
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // The JVM is shutting down (the hook runs, and finds the master put back) or the hook was
        // never added.
      }
      locks.release(masterHost);
      locks.release(backupHost);
    }
  }

  /** The shutdown hook's work: the master put back and the locks released, once. */
  private void putBackOnShutdown() {
    log.warn(
        "["
            + master.name()
            + "] the build is ending during a drill: putting the master back before it exits");
    leaveAsFound();
    locks.release(masterHost);
    locks.release(backupHost);
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

  /**
   * Keepalived on the master thawed and running and the drill's marker gone, whatever happened
   * during the drill; done once, by the drill or by the shutdown hook, whichever comes first.
   */
  private synchronized void leaveAsFound() {
    if (!putBack.compareAndSet(false, true)) {
      return;
    }
    try {
      CommandResult result =
          masterHost.script(
              "leave the master as found",
              SCRIPTS.render(
                      "drill-leave-as-found.sh.mustache",
                      Map.of(
                          "status", control.status(Service.KEEPALIVED),
                          "start", control.start(Service.KEEPALIVED)))
                  + "\n"
                  + "if ("
                  + control.status(Service.KEEPALIVED)
                  + ") | grep -q running; then "
                  + DrillMarker.unmark()
                  + "; fi");
      if (!result.ok()) {
        log.warn(
            "["
                + master.name()
                + "] keepalived could not be started again after the drill: start it by hand");
      }
    } catch (RuntimeException e) {
      log.warn(
          "["
              + master.name()
              + "] could not check keepalived after the drill ("
              + e.getMessage()
              + "): the next goal that reads the host puts it back ("
              + DrillMarker.PATH
              + ")");
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
