package dev.lbops.rotation;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Parallel;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.HaproxyRuntime;
import dev.lbops.remote.HostLock;
import dev.lbops.remote.HostLocks;
import dev.lbops.remote.HostStepException;
import dev.lbops.remote.RemoteHosts;
import dev.lbops.remote.ServerStats;
import dev.lbops.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The cluster's load balancers, connected over SSH, each with its HAProxy's runtime API. A change
 * is made under every host's lock, taken only for it; reading needs no lock.
 */
final class Balancers implements AutoCloseable {

  private final String goal;
  private final Map<String, RemoteHost> remotes;
  private final Map<String, HaproxyRuntime> runtimes;
  private final RotationOptions options;
  private final LbLog log;

  private Balancers(
      String goal,
      Map<String, RemoteHost> remotes,
      Map<String, HaproxyRuntime> runtimes,
      RotationOptions options,
      LbLog log) {
    this.goal = goal;
    this.remotes = remotes;
    this.runtimes = runtimes;
    this.options = options;
    this.log = log;
  }

  /**
   * Connects to every host of the cluster, all at once.
   *
   * @param goal the goal, as the host locks name their holder
   * @throws ProblemsException when a host has no runtime API (nothing is contacted then)
   */
  static Balancers connect(
      String goal,
      Cluster cluster,
      RotationOptions options,
      CredentialSource credentials,
      LbLog log) {
    List<Problem> problems = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      if (host.haproxy().runtimeApi() == null) {
        problems.add(
            Problem.error(
                host.haproxy().origin() == null
                    ? Location.UNKNOWN
                    : host.haproxy().origin().of("runtime_api"),
                host.name(),
                "runtime_api",
                "HAProxy's runtime API is off on this host: servers are drained and made ready"
                    + " through it",
                "turn it on (remove 'runtime_api: {enabled: false}') and deploy"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException("Cannot reach HAProxy's runtime API", problems);
    }
    Map<String, RemoteHost> remotes = new ConcurrentHashMap<>();
    try {
      Parallel.map(
          cluster.hosts(),
          cluster.hosts().size(),
          host -> {
            remotes.put(
                host.name(),
                RemoteHosts.connect(
                    host.host(),
                    credentials,
                    options.hostKeys(),
                    options.connectTimeout(),
                    options.commandTimeout(),
                    log));
            return host;
          });
    } catch (RuntimeException e) {
      remotes.values().forEach(RemoteHost::close);
      throw e;
    }
    Map<String, RemoteHost> ordered = new LinkedHashMap<>();
    Map<String, HaproxyRuntime> runtimes = new LinkedHashMap<>();
    for (HostConfig host : cluster.hosts()) {
      ordered.put(host.name(), remotes.get(host.name()));
      runtimes.put(
          host.name(),
          new HaproxyRuntime(remotes.get(host.name()), host.haproxy().runtimeApi().path()));
    }
    return new Balancers(goal, ordered, runtimes, options, log);
  }

  List<String> names() {
    return List.copyOf(runtimes.keySet());
  }

  /** Every host's servers now, read at once. */
  Map<String, ServerStats> stats() {
    List<String> names = names();
    List<ServerStats> read = Parallel.map(names, names.size(), name -> runtimes.get(name).stats());
    Map<String, ServerStats> stats = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      stats.put(names.get(i), read.get(i));
    }
    return stats;
  }

  /**
   * Under every host's lock, taken for this alone: reads the servers, then runs on each host the
   * commands {@code change} asks of it for what was read.
   *
   * @return what was read before the change
   * @throws HostStepException when a lock stays held or a command is refused; it says on which
   *     hosts the change was made and on which not
   */
  Map<String, ServerStats> change(
      String step, Function<Map<String, ServerStats>, Map<String, List<String>>> change) {
    try (HostLocks locks =
        new HostLocks(HostLock.Lease.of(goal, HostLock.DEFAULT_LEASE, options.breakLock()), log)) {
      locks.takeAll(List.copyOf(remotes.values()), host -> "", options.lockTimeout());
      Map<String, ServerStats> before = stats();
      Map<String, List<String>> commands = change.apply(before);
      List<String> hosts = List.copyOf(commands.keySet());
      List<Optional<RuntimeException>> failures =
          Parallel.map(hosts, hosts.size(), name -> apply(name, step, commands.get(name)));
      List<String> changed = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      RuntimeException first = null;
      for (int i = 0; i < hosts.size(); i++) {
        if (failures.get(i).isEmpty()) {
          changed.add(hosts.get(i));
        } else {
          unchanged.add(hosts.get(i));
          first = first == null ? failures.get(i).get() : first;
        }
      }
      if (first != null) {
        throw HostStepException.of(
            unchanged.get(0),
            step,
            first.getMessage()
                + ". Done on "
                + (changed.isEmpty() ? "no load balancer" : String.join(", ", changed))
                + ", not on "
                + String.join(", ", unchanged)
                + ": run the goal again once fixed (it converges)");
      }
      return before;
    }
  }

  /** Sends the host its commands; what went wrong, if anything. */
  private Optional<RuntimeException> apply(String name, String step, List<String> sent) {
    try {
      List<String> answers = runtimes.get(name).run(step, sent);
      for (int i = 0; i < sent.size(); i++) {
        if (!HaproxyRuntime.accepted(answers.get(i))) {
          return Optional.of(
              HostStepException.of(
                  name, step, "HAProxy refused '" + sent.get(i) + "': " + answers.get(i)));
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(e);
    }
  }

  @Override
  public void close() {
    remotes.values().forEach(RemoteHost::close);
  }
}
