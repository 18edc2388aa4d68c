package dev.lbops.verify;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.Threads;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.remote.DrillMarker;
import dev.lbops.remote.HostLocks;
import dev.lbops.remote.HostState;
import dev.lbops.remote.HostStepException;
import dev.lbops.remote.RemoteHosts;
import dev.lbops.remote.StateLines;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshException;
import dev.lbops.ssh.SshTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proves a deployed pair: reads every host's state over one SSH connection each, checks that each
 * VRRP instance has exactly one holder, the services run, the configs are the rendered ones and
 * HAProxy's servers are up; sends a request through every VIP frontend; and on request drills a
 * failover per instance while a probe measures what a client sees. The pair is left as found.
 */
public final class Verifier {

  private final CredentialSource credentials;
  private final LbLog log;

  public Verifier(CredentialSource credentials, LbLog log) {
    this.credentials = credentials;
    this.log = log;
  }

  /**
   * What every host looks like now, the hosts that could not be read with why, and the instances a
   * backup holds with why.
   */
  public record Status(
      Map<String, HostState> states,
      Map<String, String> unreachable,
      List<RunningOnBackup> runningOnBackup) {}

  /** Reads every host's state. */
  public Status status(Cluster cluster, VerifyOptions options) {
    try (Connections connections = connect(cluster, options)) {
      Map<String, HostState> states = connections.readStates();
      return new Status(
          states,
          connections.failures,
          RunningOnBackup.of(cluster, states, connections.failures, connections::remote));
    }
  }

  /**
   * Runs the checks and the drills the options ask for.
   *
   * @param shipped the files shipped with the configs: a TLS bind whose {@code crt} is one must
   *     serve its certificate
   * @param probeHost where the drills' probe runs (over SSH), or {@code null} for this machine
   */
  public VerifyReport verify(
      Cluster cluster,
      List<RenderedFile> files,
      List<ShippedFile> shipped,
      VerifyOptions options,
      Host probeHost) {
    List<Host> logins = new ArrayList<>(cluster.hosts().stream().map(HostConfig::host).toList());
    if (probeHost != null && !options.drills().isEmpty()) {
      logins.add(probeHost);
    }
    SshTargets.check(logins, credentials);
    try (Connections connections = connect(cluster, options)) {
      List<TrafficTarget> targets = TrafficChecks.targets(cluster, shipped);
      long settled = System.nanoTime() + options.settle().toNanos();
      List<Check> checks = new ArrayList<>();
      Map<String, HostState> states;
      while (true) {
        checks.clear();
        states = connections.readStates();
        checks.addAll(StateChecks.of(cluster, files, states, connections.failures));
        checks.addAll(TrafficChecks.run(targets, options.probeTimeout()));
        if (checks.stream().allMatch(Check::passed) || System.nanoTime() > settled) {
          break;
        }
        Threads.sleep(1000);
      }
      List<DrillResult> drills = new ArrayList<>();
      if (!options.drills().isEmpty()) {
        if (checks.stream().allMatch(Check::passed)) {
          SshConnection probe =
              probeHost == null
                  ? null
                  : SshConnection.open(
                      SshTargets.of(
                          probeHost, credentials, options.hostKeys(), options.connectTimeout()));
          try (HostLocks locks = new HostLocks(options.lease(), log)) {
            for (SharedInstance instance : cluster.instances()) {
              for (DrillMode mode : options.drills()) {
                DrillResult drill =
                    drill(instance, mode, connections, targets, options, probe, locks);
                drills.add(drill);
                checks.add(
                    new Check(
                        "drill",
                        instance.name()
                            + " "
                            + mode.name().toLowerCase().replace('_', ' ')
                            + " failover and fail-back",
                        drill.passed(),
                        drill.message(),
                        0));
              }
            }
          } finally {
            if (probe != null) {
              probe.close();
            }
          }
        } else {
          checks.add(
              Check.fail(
                  "drill",
                  "failover drill",
                  "not run: the pair is not healthy (see the failed checks above)"));
        }
      }
      // After drills the pair is read again, to show how they left it.
      Map<String, HostState> end = drills.isEmpty() ? states : connections.readStates();
      return new VerifyReport(
          HostSummaries.of(cluster, end),
          checks,
          drills,
          options.drills(),
          RunningOnBackup.of(cluster, end, connections.failures, connections::remote));
    }
  }

  // ------------------------------------------------------------------ connections

  private Connections connect(Cluster cluster, VerifyOptions options) {
    SshTargets.check(cluster.hosts().stream().map(HostConfig::host).toList(), credentials);
    Connections connections = new Connections(cluster, options.lease().token(), log);
    Parallel.map(
        cluster.hosts(),
        cluster.hosts().size(),
        host -> {
          try {
            connections.remotes.put(
                host.name(),
                RemoteHosts.connect(
                    host.host(),
                    credentials,
                    options.hostKeys(),
                    options.connectTimeout(),
                    options.commandTimeout(),
                    log));
          } catch (SshException | ProblemsException e) {
            connections.failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
          }
          return host;
        });
    return connections;
  }

  /**
   * One SSH connection per host, and the hosts that could not be reached. A host an interrupted
   * drill left taken away is put back when it is read.
   */
  private static final class Connections implements AutoCloseable {
    private final Cluster cluster;
    private final String token;
    private final LbLog log;
    private final Map<String, RemoteHost> remotes = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    Connections(Cluster cluster, String token, LbLog log) {
      this.cluster = cluster;
      this.token = token;
      this.log = log;
    }

    Map<String, HostState> readStates() {
      Map<String, HostState> states = new ConcurrentHashMap<>();
      Parallel.map(
          cluster.hosts().stream().filter(host -> remotes.containsKey(host.name())).toList(),
          remotes.size(),
          host -> {
            try {
              states.put(host.name(), read(host));
            } catch (SshException | HostStepException e) {
              failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
            }
            return host;
          });
      return states;
    }

    HostState read(HostConfig host) {
      RemoteHost remote = remotes.get(host.name());
      CommandResult result = remote.script("read the host's state", HostState.script(host));
      if (DrillMarker.repairIfLeft(remote, StateLines.values(result.stdout()), token, log)) {
        result = remote.script("read the host's state", HostState.script(host));
      }
      return HostState.parse(host.name(), result.stdout());
    }

    RemoteHost remote(String host) {
      return remotes.get(host);
    }

    @Override
    public void close() {
      remotes.values().forEach(RemoteHost::close);
    }
  }

  // ------------------------------------------------------------------ drill

  /**
   * The hosts' states once the instance's master holds its VIPs, as right after a deploy or a
   * previous drill it may take a delayed fail-back's time to; or as they are after that time, or
   * when the instance never fails back.
   */
  private Map<String, HostState> awaitMaster(SharedInstance instance, Connections connections) {
    Map<String, HostState> states = connections.readStates();
    HostConfig master = DrillPlan.preferredHolder(instance).orElse(null);
    if (master == null || holds(states, master, instance)) {
      return states;
    }
    long wait =
        DrillPlan.FailbackExpectation.of(master, instance.member(master.name()).instance(), true)
            .millis();
    log.info(
        "Drill of "
            + instance.name()
            + ": waiting up to "
            + wait / 1000
            + " s for its master "
            + master.name()
            + " to take "
            + instance.vips()
            + " back first");
    long deadline = System.nanoTime() + wait * 1_000_000;
    while (System.nanoTime() < deadline && !holds(states, master, instance)) {
      Threads.sleep(500);
      states = connections.readStates();
    }
    return states;
  }

  private static boolean holds(
      Map<String, HostState> states, HostConfig host, SharedInstance instance) {
    HostState state = states.get(host.name());
    return state != null && instance.vips().stream().allMatch(state::holds);
  }

  /** Plans the instance's drill from the hosts' states now, then runs it. */
  private DrillResult drill(
      SharedInstance instance,
      DrillMode mode,
      Connections connections,
      List<TrafficTarget> targets,
      VerifyOptions options,
      SshConnection probe,
      HostLocks locks) {
    Map<String, HostState> states = awaitMaster(instance, connections);
    DrillPlan plan = DrillPlan.of(instance, mode, states, targets, options.maxFailoverMillis());
    if (plan instanceof DrillPlan.Impossible impossible) {
      return impossible.result();
    }
    DrillPlan.Ready ready = (DrillPlan.Ready) plan;
    return new Drill(
            log,
            ready,
            mode,
            connections.remote(ready.master().name()),
            connections.remote(ready.backup().name()),
            states.get(ready.master().name()).control(),
            options,
            probe,
            locks)
        .run();
  }
}
