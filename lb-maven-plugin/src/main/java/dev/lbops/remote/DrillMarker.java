package dev.lbops.remote;

import dev.lbops.core.LbLog;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The mark a failover drill leaves on the master while it has taken it away ({@value #PATH}): what
 * it took away and whose drill it is. The drill writes it before and removes it once the master is
 * back; a drill that never came back (the build killed) leaves it, and any later goal that reads
 * the host finds it ({@link StateLines#script}) and puts the host back ({@link #repairIfLeft}).
 */
public final class DrillMarker {

  public static final String PATH = "/run/lb-maven-plugin.drill";

  private DrillMarker() {}

  /** What a drill takes away from the master. */
  public enum Away {
    /** Keepalived stopped (graceful drill). */
    KEEPALIVED_STOPPED("keepalived stopped"),
    /** The daemons frozen with SIGSTOP (node-loss drill). */
    DAEMONS_FROZEN("keepalived and haproxy frozen (SIGSTOP)");

    private final String words;

    Away(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /**
   * A marker found on a host.
   *
   * @param lockToken the token of the host's lock, empty when the host has no lock
   * @param lockSecondsLeft how long the lock's lease still runs; 0 or less when it ended or there
   *     is no lock
   */
  public record Found(
      Away away, String holder, String token, String at, String lockToken, long lockSecondsLeft) {

    /** Whether the drill that left it may still be running: its lock is held and live. */
    boolean drillMayRun() {
      return !lockToken.isEmpty() && lockToken.equals(token) && lockSecondsLeft > 0;
    }
  }

  /** The script that writes the marker, before the drill takes {@code away}. */
  public static String mark(HostLock.Lease lease, Away away) {
    return Scripts.render(
        "drill-mark.sh",
        Map.of(
            "marker",
            PATH,
            "mode",
            away.name(),
            "away",
            away.words(),
            "holder",
            lease.holder().describe(),
            "token",
            lease.token()));
  }

  /** The command that removes the marker, once the master is back. */
  public static String unmark() {
    return "rm -f " + PATH;
  }

  /** The marker in a state script's output ({@link StateLines#values}), if the host has one. */
  public static Optional<Found> found(Map<String, String> values) {
    String mode = values.get("drill-mode");
    if (mode == null) {
      return Optional.empty();
    }
    long left;
    try {
      left = Long.parseLong(values.getOrDefault("drill-lock-left", "0").strip());
    } catch (NumberFormatException e) {
      left = 0;
    }
    Away away =
        mode.strip().equals(Away.KEEPALIVED_STOPPED.name())
            ? Away.KEEPALIVED_STOPPED
            : Away.DAEMONS_FROZEN;
    return Optional.of(
        new Found(
            away,
            values.getOrDefault("drill-holder", "unknown"),
            values.getOrDefault("drill-token", ""),
            values.getOrDefault("drill-at", "?"),
            values.getOrDefault("drill-lock-token", ""),
            left));
  }

  /** The script that puts back what the marker says was taken away, then removes it. */
  public static String repair(Away away, ServiceControl control) {
    Map<String, Object> scope = new HashMap<>();
    scope.put("frozen", away == Away.DAEMONS_FROZEN);
    scope.put("stopKeepalived", control.stop(Service.KEEPALIVED));
    scope.put("startKeepalived", control.start(Service.KEEPALIVED));
    scope.put("statusKeepalived", control.status(Service.KEEPALIVED));
    scope.put("statusHaproxy", control.status(Service.HAPROXY));
    scope.put("startHaproxy", control.start(Service.HAPROXY));
    scope.put("marker", PATH);
    return Scripts.render("drill-repair.sh", scope);
  }

  /**
   * Puts the host back when a state read found a drill's marker that no running drill owns (its
   * lock is gone or its lease ended, or it is {@code ownToken}'s), and says so in the log.
   *
   * @param values the state script's output, as {@link StateLines#values}
   * @param ownToken this run's lock token: a marker under this run's own lock is repaired too
   * @return true when the host was repaired (its state is to be read again)
   */
  public static boolean repairIfLeft(
      RemoteHost remote, Map<String, String> values, String ownToken, LbLog log) {
    Optional<Found> marker = found(values);
    if (marker.isEmpty()) {
      return false;
    }
    Found found = marker.get();
    if (found.drillMayRun() && !found.lockToken().equals(ownToken)) {
      log.warn(
          "["
              + remote.name()
              + "] a drill by "
              + found.holder()
              + " since "
              + found.at()
              + " has "
              + found.away().words()
              + " and holds the host's lock for "
              + found.lockSecondsLeft()
              + " s more: not repaired now (if that build is gone, the next goal after its lease"
              + " ends repairs it)");
      return false;
    }
    ServiceControl control = InitSystem.parse(values.getOrDefault("init", "")).control();
    CommandResult result =
        remote.script("repair what an interrupted drill left", repair(found.away(), control));
    String what =
        "found "
            + PATH
            + ": a drill by "
            + found.holder()
            + " at "
            + found.at()
            + " was interrupted with "
            + found.away().words();
    if (!result.ok()) {
      throw HostStepException.failed(
          remote.name(),
          "repairing an interrupted drill",
          "the repair script",
          result,
          java.util.List.of(),
          what
              + "; putting it back failed: "
              + HostStepException.lastLines(result.stderr() + result.stdout())
              + ". Thaw (kill -CONT) and restart keepalived by hand, then rm "
              + PATH);
    }
    log.warn(
        "["
            + remote.name()
            + "] "
            + what
            + "; repaired: "
            + (found.away() == Away.DAEMONS_FROZEN
                ? "the daemons thawed and keepalived restarted"
                : "keepalived started")
            + ", haproxy running");
    return true;
  }
}
