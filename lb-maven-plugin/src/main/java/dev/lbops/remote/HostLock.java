package dev.lbops.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The lock on a host that keeps two changes from interleaving there: a deploy, or a failover drill.
 * It is a lease: a file that names its holder (this machine, process, user, goal), when it was
 * taken and when it expires, which its holder renews while it works ({@link HostLocks}). An expired
 * lock, as a killed build leaves, is taken over; a live one only with {@code lb.breakLock}. It
 * lives in /run, so a reboot frees it.
 */
public final class HostLock {

  public static final String PATH = "/run/lb-maven-plugin.lock";
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  private HostLock() {}

  /** Who holds a lock: the machine and process of the build, its user, and the goal. */
  public record Holder(String controller, long pid, String user, String goal) {

    /** This process, for {@code goal}. */
    public static Holder of(String goal) {
      return new Holder(controllerName(), ProcessHandle.current().pid(), userName(), goal);
    }

    /**
     * As the lock file and the messages show it: {@code ci-7 pid 4242 user jenkins goal deploy}.
     */
    public String describe() {
      return controller + " pid " + pid + " user " + user + " goal " + goal;
    }

    private static String controllerName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "unknown" : name;
      }
    }

    private static String userName() {
      return System.getProperty("user.name", "unknown").replaceAll("\\s", "_");
    }
  }

  /**
   * One run's lease on the hosts it locks.
   *
   * @param token what tells this run's lock from another's
   * @param length how long a lock lasts without renewal ({@code lb.lockLease})
   * @param breakLive whether a live lock of another holder is broken ({@code lb.breakLock})
   */
  public record Lease(String token, Holder holder, Duration length, boolean breakLive) {

    public Lease {
      if (length.toSeconds() < 1) {
        throw new IllegalArgumentException("the lock's lease must be 1 s at least (lb.lockLease)");
      }
    }

    /** A new lease of this process for {@code goal}. */
    public static Lease of(String goal, Duration length, boolean breakLive) {
      return new Lease(UUID.randomUUID().toString(), Holder.of(goal), length, breakLive);
    }
  }

  /** How taking a lock went. */
  public enum State {
    /** It was free (or this run's already). */
    ACQUIRED,
    /** Another's lease had expired: taken over. */
    TAKEN_OVER,
    /** Another's live lock, broken on request. */
    BROKEN,
    /** Another holds it, live. */
    HELD;

    boolean taken() {
      return this != HELD;
    }
  }

  /**
   * What taking a lock printed.
   *
   * @param holder the holder before, when it was another
   * @param since when the other holder took it; {@code until} when its lease ends, in {@code
   *     secondsLeft} (negative when it had ended)
   */
  public record Taken(State state, String holder, String since, String until, long secondsLeft) {

    static Taken parse(Map<String, String> values) {
      State state =
          switch (values.getOrDefault("lock", "")) {
            case "acquired" -> State.ACQUIRED;
            case "taken-over" -> State.TAKEN_OVER;
            case "broken" -> State.BROKEN;
            default -> State.HELD;
          };
      long left;
      try {
        left = Long.parseLong(values.getOrDefault("lock-left", "0").strip());
      } catch (NumberFormatException e) {
        left = 0;
      }
      return new Taken(
          state,
          values.getOrDefault("lock-holder", "unknown"),
          values.getOrDefault("lock-since", "?"),
          values.getOrDefault("lock-until", "?"),
          left);
    }

    /** For messages: {@code held since <time> by <holder>, its lease ends at <time> (in 42 s)}. */
    String describe() {
      return "held since "
          + since
          + " by "
          + holder
          + ", "
          + (secondsLeft > 0
              ? "its lease ends at " + until + " (in " + secondsLeft + " s)"
              : "its lease ended at " + until);
    }
  }

  /** Prints {@code lock=} and the state; when another held it, who, since when and until when. */
  public static String take(Lease lease) {
    return take(lease, PATH);
  }

  static String take(Lease lease, String path) {
    return Scripts.render("lock-take.sh", scope(lease, path, Map.of()));
  }

  /** Renews the lease when the lock is still this run's; prints {@code lock=renewed} or lost. */
  static String renew(Lease lease, String path) {
    return Scripts.render("lock-renew.sh", scope(lease, path, Map.of()));
  }

  /** Frees this run's lock and removes {@code alsoRemove} with it; another's lock stays. */
  public static String release(Lease lease, String... alsoRemove) {
    return releaseAt(lease, PATH, alsoRemove);
  }

  static String releaseAt(Lease lease, String path, String... alsoRemove) {
    return Scripts.render(
        "lock-release.sh", scope(lease, path, Map.of("alsoRemove", List.of(alsoRemove))));
  }

  private static Map<String, Object> scope(Lease lease, String path, Map<String, Object> more) {
    Map<String, Object> scope = new java.util.HashMap<>(more);
    scope.put("path", path);
    scope.put("guard", path + ".guard");
    scope.put("token", lease.token());
    scope.put("holder", lease.holder().describe());
    scope.put("seconds", String.valueOf(lease.length().toSeconds()));
    scope.put("breakLive", String.valueOf(lease.breakLive()));
    return scope;
  }
}
