package dev.lbops.remote;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.Threads;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The host locks of one run ({@link HostLock}), under one lease: taken in one global order (the
 * hosts' names) whenever one has to be waited for, so that two runs never wait for each other;
 * renewed while held; released at the end, also the ones taken before a failure.
 */
public final class HostLocks implements AutoCloseable {

  private static final long WAIT_STEP_MILLIS = 1000;

  private final HostLock.Lease lease;
  private final LbLog log;
  private final Map<String, RemoteHost> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewer;

  public HostLocks(HostLock.Lease lease, LbLog log) {
    this.lease = lease;
    this.log = log;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread thread = new Thread(work, "lb-lock-renewer");
              thread.setDaemon(true);
              return thread;
            });
    long every = Math.max(1000, lease.length().toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  public HostLock.Lease lease() {
    return lease;
  }

  /**
   * Takes the lock of every host, each with {@code andThen}'s script run under it in the same round
   * trip. All are tried at once; when another run holds one, the locks after it (by host name) are
   * given back and taken again in name order, each waited for at most {@code wait}.
   *
   * @param andThen what to run on the host once its lock is taken (such as reading its state again)
   * @return what each host printed, by host name
   * @throws HostStepException naming the host, the holder and how to free the lock, when a lock
   *     stays held; the locks this call took are released
   */
  public Map<String, String> takeAll(
      List<RemoteHost> hosts, Function<RemoteHost, String> andThen, Duration wait) {
    List<RemoteHost> ordered =
        hosts.stream().sorted(Comparator.comparing(RemoteHost::name)).toList();
    Map<String, String> outputs = new ConcurrentHashMap<>();
    Map<String, HostLock.Taken> refused = new ConcurrentHashMap<>();
    try {
      Parallel.map(
          ordered,
          ordered.size(),
          host -> {
            HostLock.Taken taken = tryTake(host, andThen, outputs);
            if (!taken.state().taken()) {
              refused.put(host.name(), taken);
            }
            return host;
          });
      if (refused.isEmpty()) {
        return inOrder(ordered, outputs);
      }
      String first =
          ordered.stream().map(RemoteHost::name).filter(refused::containsKey).findFirst().get();
      for (RemoteHost host : ordered) {
        if (host.name().compareTo(first) > 0 && outputs.containsKey(host.name())) {
          release(host);
          outputs.remove(host.name());
        }
      }
      for (RemoteHost host : ordered) {
        if (host.name().compareTo(first) >= 0) {
          outputs.put(host.name(), waitFor(host, andThen, wait, refused.get(host.name())));
        }
      }
      return inOrder(ordered, outputs);
    } catch (RuntimeException e) {
      ordered.stream().filter(host -> held.containsKey(host.name())).forEach(this::release);
      throw e;
    }
  }

  private static Map<String, String> inOrder(List<RemoteHost> ordered, Map<String, String> found) {
    Map<String, String> outputs = new LinkedHashMap<>();
    ordered.forEach(host -> outputs.put(host.name(), found.get(host.name())));
    return outputs;
  }

  /** One try; on success records the host as held and its output. */
  private HostLock.Taken tryTake(
      RemoteHost host, Function<RemoteHost, String> andThen, Map<String, String> outputs) {
    CommandResult result =
        host.script("take the host's lock", HostLock.take(lease) + "\n" + andThen.apply(host));
    HostLock.Taken taken = HostLock.Taken.parse(StateLines.values(result.stdout()));
    if (!taken.state().taken()) {
      return taken;
    }
    held.put(host.name(), host);
    if (!result.ok()) {
      throw HostStepException.failed(
          host.name(),
          "taking the host's lock",
          "the lock script",
          result,
          List.of(),
          "reading the host under its lock failed: " + result.stderr().strip());
    }
    outputs.put(host.name(), result.stdout());
    switch (taken.state()) {
      case TAKEN_OVER ->
          log.warn(
              "["
                  + host.name()
                  + "] took over an expired lock ("
                  + HostLock.PATH
                  + ") of "
                  + taken.holder()
                  + ", taken "
                  + taken.since()
                  + ", lease ended "
                  + taken.until()
                  + ": that run is gone or stuck; the host is read again before anything changes");
      case BROKEN ->
          log.warn(
              "["
                  + host.name()
                  + "] broke the live lock ("
                  + HostLock.PATH
                  + ") of "
                  + taken.holder()
                  + ", taken "
                  + taken.since()
                  + " (lb.breakLock)");
      default -> log.info("[" + host.name() + "] lock taken");
    }
    return taken;
  }

  private String waitFor(
      RemoteHost host, Function<RemoteHost, String> andThen, Duration wait, HostLock.Taken seen) {
    if (held.containsKey(host.name())) {
      return null;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    Map<String, String> outputs = new ConcurrentHashMap<>();
    HostLock.Taken taken = seen;
    boolean told = false;
    while (taken == null || !taken.state().taken()) {
      if (taken != null && System.nanoTime() >= deadline) {
        throw HostStepException.of(
            host.name(),
            "taking the host's lock",
            "another "
                + (taken.holder().endsWith("goal verify") ? "drill" : "deploy")
                + " holds the host's lock ("
                + HostLock.PATH
                + ", "
                + taken.describe()
                + ")"
                + (wait.isZero() ? "" : "; waited " + wait.toSeconds() + " s (lb.lockTimeout)")
                + ". If that build is gone, its lease ends by itself; to take the lock now, run"
                + " with -Dlb.breakLock");
      }
      if (taken != null && !told) {
        log.info("[" + host.name() + "] waiting for the lock: " + taken.describe());
        told = true;
      }
      if (taken != null) {
        Threads.sleep(WAIT_STEP_MILLIS);
      }
      taken = tryTake(host, andThen, outputs);
    }
    return outputs.get(host.name());
  }

  /** Whether this run holds the host's lock. */
  public boolean holds(String host) {
    return held.containsKey(host);
  }

  /**
   * Frees the host's lock when this run holds it, with {@code alsoRemove}; a failure is logged, as
   * the lease ends by itself.
   */
  public void release(RemoteHost host, String... alsoRemove) {
    if (held.remove(host.name()) == null) {
      return;
    }
    try {
      host.script("release the host's lock", HostLock.release(lease, alsoRemove));
    } catch (RuntimeException e) {
      log.warn(
          "["
              + host.name()
              + "] could not release the lock ("
              + (e instanceof SshException ssh ? ssh.detail() : e.getMessage())
              + "): its lease ends by itself within "
              + lease.length().toSeconds()
              + " s");
    }
  }

  /** Renews every held lock over its open connection; a lock another run took is let go. */
  private void renewAll() {
    for (RemoteHost host : new ArrayList<>(held.values())) {
      if (!host.connected()) {
        continue;
      }
      try {
        CommandResult result =
            host.script("renew the lock's lease", HostLock.renew(lease, HostLock.PATH));
        Map<String, String> values = StateLines.values(result.stdout());
        if ("lost".equals(values.get("lock"))) {
          held.remove(host.name());
          log.warn(
              "["
                  + host.name()
                  + "] this run's lock was taken by "
                  + values.getOrDefault("lock-holder", "another")
                  + " (its lease had ended, or it was broken with lb.breakLock)");
        }
      } catch (RuntimeException e) {
        log.debug("[" + host.name() + "] renewing the lock's lease failed: " + e.getMessage());
      }
    }
  }

  /** Stops renewing and releases every lock still held. */
  @Override
  public void close() {
    renewer.shutdownNow();
    for (RemoteHost host : new ArrayList<>(held.values())) {
      release(host);
    }
  }
}
