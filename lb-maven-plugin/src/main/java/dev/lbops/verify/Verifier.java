package dev.lbops.verify;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.inventory.Host;
import dev.lbops.model.Bind;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.render.RenderedFile;
import dev.lbops.service.HostLock;
import dev.lbops.service.Service;
import dev.lbops.service.ServiceControl;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshException;
import dev.lbops.ssh.SshTargets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proves a deployed pair: reads every host's state over one SSH connection each, checks that each
 * VRRP instance has exactly one holder, the services run, the configs are the rendered ones and
 * HAProxy's servers are up; sends a request through every VIP frontend; and on request drills a
 * failover per instance while a probe measures what a client sees. The pair is left as found.
 */
public final class Verifier {

  /** The master's daemons, each with its children (HAProxy's workers, Keepalived's VRRP child). */
  private static final String DAEMONS =
      "for f in /run/keepalived.pid /run/vrrp.pid /run/checkers.pid /run/haproxy.pid; do"
          + " p=$(cat $f 2>/dev/null) && echo $p $(cat /proc/$p/task/*/children 2>/dev/null);"
          + " done";

  private static final String FREEZE = "kill -STOP $(" + DAEMONS + ")";
  private static final String THAW = "kill -CONT $(" + DAEMONS + ") 2>/dev/null";
  private static final int SUCCESSES_FOR_RECOVERY = 5;

  private final CredentialSource credentials;
  private final LbLog log;

  public Verifier(CredentialSource credentials, LbLog log) {
    this.credentials = credentials;
    this.log = log;
  }

  /** What every host looks like now, and the hosts that could not be read with why. */
  public record Status(Map<String, HostState> states, Map<String, String> unreachable) {}

  /** Reads every host's state. */
  public Status status(Cluster cluster, VerifyOptions options) {
    try (Connections connections = connect(cluster, options)) {
      return new Status(connections.readStates(), connections.failures);
    }
  }

  /**
   * Runs the checks and the drills the options ask for.
   *
   * @param probeHost where the drills' probe runs (over SSH), or {@code null} for this machine
   */
  public VerifyReport verify(
      Cluster cluster, List<RenderedFile> files, VerifyOptions options, Host probeHost) {
    try (Connections connections = connect(cluster, options)) {
      List<TrafficTarget> targets = trafficTargets(cluster);
      long settled = System.nanoTime() + options.settle().toNanos();
      List<Check> checks = new ArrayList<>();
      Map<String, HostState> states;
      while (true) {
        checks.clear();
        states = connections.readStates();
        checks.addAll(stateChecks(cluster, files, states, connections.failures));
        checks.addAll(trafficChecks(targets, options));
        if (checks.stream().allMatch(Check::passed) || System.nanoTime() > settled) {
          break;
        }
        pause(1000);
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
          try {
            for (String instance : instanceNames(cluster)) {
              for (DrillMode mode : options.drills()) {
                DrillResult drill =
                    drill(cluster, instance, mode, connections, targets, options, probe);
                drills.add(drill);
                checks.add(
                    new Check(
                        "drill",
                        instance + " " + mode.name().toLowerCase().replace('_', ' ') + " failover",
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
      return new VerifyReport(
          summaries(cluster, drills.isEmpty() ? states : connections.readStates()),
          checks,
          drills,
          options.drills());
    }
  }

  // ------------------------------------------------------------------ connections

  private Connections connect(Cluster cluster, VerifyOptions options) {
    Connections connections = new Connections(cluster);
    Parallel.map(
        cluster.hosts(),
        cluster.hosts().size(),
        host -> {
          try {
            SshConnection connection =
                SshConnection.open(
                    SshTargets.of(
                        host.host(), credentials, options.hostKeys(), options.connectTimeout()));
            if (!connection.acceptedHostKey().isEmpty()) {
              log.warn("[" + host.name() + "] " + connection.acceptedHostKey());
            }
            connections.remotes.put(
                host.name(), new RemoteHost(connection, options.commandTimeout(), log));
          } catch (SshException | ProblemsException e) {
            connections.failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
          }
          return host;
        });
    return connections;
  }

  /** One SSH connection per host, and the hosts that could not be reached. */
  private static final class Connections implements AutoCloseable {
    private final Cluster cluster;
    private final Map<String, RemoteHost> remotes = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    Connections(Cluster cluster) {
      this.cluster = cluster;
    }

    Map<String, HostState> readStates() {
      Map<String, HostState> states = new ConcurrentHashMap<>();
      Parallel.map(
          cluster.hosts().stream().filter(host -> remotes.containsKey(host.name())).toList(),
          remotes.size(),
          host -> {
            try {
              states.put(host.name(), read(host));
            } catch (SshException e) {
              failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
            }
            return host;
          });
      return states;
    }

    HostState read(HostConfig host) {
      CommandResult result = remotes.get(host.name()).script(HostState.script(host));
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

  // ------------------------------------------------------------------ state

  private static List<Check> stateChecks(
      Cluster cluster,
      List<RenderedFile> files,
      Map<String, HostState> states,
      Map<String, String> unreachable) {
    List<Check> checks = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      HostState state = states.get(host.name());
      if (state == null) {
        checks.add(
            Check.fail(
                "state",
                host.name() + " reachable",
                host.name() + " could not be read: " + unreachable.get(host.name())));
        continue;
      }
      for (Service service : Service.values()) {
        checks.add(
            state.running(service)
                ? Check.pass(
                    "state",
                    host.name() + " " + service.unit() + " running",
                    "pid " + state.services().get(service).pid())
                : Check.fail(
                    "state",
                    host.name() + " " + service.unit() + " running",
                    service.unit()
                        + " is not running on "
                        + host.name()
                        + ": start it with lb:deploy (or look at its log on the host)"));
      }
      for (RenderedFile file : files) {
        if (!file.host().equals(host.name())) {
          continue;
        }
        String deployed = state.checksums().get(file.kind());
        String path = file.kind().hostPath();
        checks.add(
            file.bodySha256().equals(deployed)
                ? Check.pass("drift", host.name() + " " + path, "as rendered")
                : Check.fail(
                    "drift",
                    host.name() + " " + path,
                    (deployed.isEmpty()
                            ? path + " is missing on " + host.name()
                            : path + " on " + host.name() + " differs from the rendered one")
                        + ": lb:diff shows how, lb:deploy converges it"));
      }
      checks.add(backendCheck(host, state));
    }
    for (String instance : instanceNames(cluster)) {
      checks.add(holderCheck(cluster, instance, states));
    }
    return checks;
  }

  private static Check backendCheck(HostConfig host, HostState state) {
    String name = host.name() + " backend servers up";
    if (host.haproxy().runtimeApi() == null) {
      return Check.pass(
          "backends", name, "not read: no runtime_api is configured for HAProxy's socket");
    }
    if (!state.statError().isEmpty()) {
      return Check.fail(
          "backends", name, "HAProxy's servers could not be read: " + state.statError());
    }
    List<String> down =
        state.servers().stream()
            .filter(HostState.ServerState::down)
            .map(server -> server.backend() + "/" + server.server() + " " + server.status())
            .toList();
    return down.isEmpty()
        ? Check.pass("backends", name, state.servers().size() + " servers up")
        : Check.fail("backends", name, "down on " + host.name() + ": " + String.join(", ", down));
  }

  private static Check holderCheck(
      Cluster cluster, String instance, Map<String, HostState> states) {
    String name = "VRRP instance " + instance + " has one holder";
    List<String> vips = vips(cluster, instance);
    List<String> holders = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (HostConfig host : members(cluster, instance)) {
      HostState state = states.get(host.name());
      if (state == null) {
        continue;
      }
      long held = vips.stream().filter(state::holds).count();
      if (held == vips.size()) {
        holders.add(host.name());
      } else if (held > 0) {
        partial.add(
            host.name() + " holds " + vips.stream().filter(state::holds).toList() + " only");
      }
    }
    if (holders.size() == 1 && partial.isEmpty()) {
      return Check.pass("state", name, holders.get(0) + " holds " + vips);
    }
    String what =
        holders.isEmpty() && partial.isEmpty()
            ? "outage: no host holds " + vips
            : holders.size() > 1
                ? "split brain: " + String.join(" and ", holders) + " all hold " + vips
                : "VIPs split between hosts: " + String.join("; ", partial);
    return Check.fail(
        "state",
        name,
        what
            + " (check that the hosts see each other's VRRP adverts: same interface and network,"
            + " virtual_router_id and authentication)");
  }

  // ------------------------------------------------------------------ traffic

  /** Every frontend bound to a VIP (or to all addresses), once per VIP and port. */
  static List<TrafficTarget> trafficTargets(Cluster cluster) {
    Set<String> vips = new LinkedHashSet<>();
    cluster.hosts().stream()
        .flatMap(host -> host.keepalived().instances().stream())
        .flatMap(instance -> instance.virtualIps().stream())
        .map(VirtualIp::ip)
        .forEach(vips::add);
    Map<String, TrafficTarget> targets = new LinkedHashMap<>();
    for (HostConfig host : cluster.hosts()) {
      host.haproxy()
          .frontends()
          .forEach(
              frontend ->
                  addTargets(
                      targets,
                      vips,
                      frontend.name(),
                      frontend.binds(),
                      isHttp(host, frontend.mode(), frontend.defaultBackend())));
      host.haproxy()
          .listens()
          .forEach(
              listen ->
                  addTargets(
                      targets,
                      vips,
                      listen.name(),
                      listen.binds(),
                      "http".equals(listen.proxy().mode())));
    }
    return List.copyOf(targets.values());
  }

  private static boolean isHttp(HostConfig host, String mode, String defaultBackend) {
    if (!mode.isEmpty()) {
      return mode.equals("http");
    }
    return host.haproxy().backends().stream()
        .anyMatch(
            backend -> backend.name().equals(defaultBackend) && "http".equals(backend.mode()));
  }

  private static void addTargets(
      Map<String, TrafficTarget> targets,
      Set<String> vips,
      String proxy,
      List<Bind> binds,
      boolean http) {
    for (Bind bind : binds) {
      List<String> addresses =
          vips.contains(bind.address())
              ? List.of(bind.address())
              : Set.of("*", "", "0.0.0.0", "::").contains(bind.address())
                  ? vips.stream().filter(vip -> !vip.contains(":")).toList()
                  : List.of();
      for (String address : addresses) {
        targets.putIfAbsent(
            address + ":" + bind.port(),
            new TrafficTarget(proxy, address, bind.port(), http && !bind.isTls()));
      }
    }
  }

  private static List<Check> trafficChecks(List<TrafficTarget> targets, VerifyOptions options) {
    List<Check> checks = new ArrayList<>();
    for (TrafficTarget target : targets) {
      String name = "frontend " + target.frontend() + " answers on " + target.display();
      long started = System.nanoTime();
      String failure = target.request(options.probeTimeout().multipliedBy(4));
      if (failure != null) {
        // One retry: a single lost packet is not an outage.
        failure = target.request(options.probeTimeout().multipliedBy(4));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      checks.add(
          failure == null
              ? new Check(
                  "traffic",
                  name,
                  true,
                  target.http() ? "HTTP answer" : "connection accepted",
                  seconds)
              : new Check(
                  "traffic",
                  name,
                  false,
                  target.display() + " does not answer: " + failure,
                  seconds));
    }
    return checks;
  }

  // ------------------------------------------------------------------ drill

  private DrillResult drill(
      Cluster cluster,
      String instance,
      DrillMode mode,
      Connections connections,
      List<TrafficTarget> targets,
      VerifyOptions options,
      SshConnection probe) {
    List<String> vips = vips(cluster, instance);
    Map<String, HostState> states = connections.readStates();
    HostConfig master =
        members(cluster, instance).stream()
            .filter(host -> states.containsKey(host.name()))
            .filter(host -> vips.stream().allMatch(states.get(host.name())::holds))
            .findFirst()
            .orElse(null);
    if (master == null) {
      return DrillResult.notRun(
          instance,
          mode,
          "",
          "",
          "",
          options.maxFailoverMillis(),
          "not run: no host holds " + vips + " now",
          List.of());
    }
    HostConfig backup =
        members(cluster, instance).stream()
            .filter(host -> host != master)
            .max(Comparator.comparingInt(host -> instance(host, instance).priority()))
            .orElse(null);
    Optional<TrafficTarget> target =
        targets.stream().filter(t -> vips.contains(t.address())).findFirst();
    long limit =
        options.maxFailoverMillis() > 0
            ? options.maxFailoverMillis()
            : backup == null ? 0 : derivedLimitMillis(instance(backup, instance));
    String label = mode.name().toLowerCase().replace('_', ' ');
    if (backup == null) {
      return DrillResult.notRun(
          instance,
          mode,
          master.name(),
          "",
          "",
          limit,
          "no backup: only " + master.name() + " runs " + instance,
          List.of());
    }
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
    RemoteHost masterHost = connections.remote(master.name());
    RemoteHost backupHost = connections.remote(backup.name());
    ServiceControl control = states.get(master.name()).control();
    List<RemoteHost> locked = new ArrayList<>();
    for (RemoteHost host : List.of(masterHost, backupHost)) {
      if (!host.script(HostLock.take()).stdout().contains("lock=acquired")) {
        locked.forEach(this::unlock);
        return DrillResult.notRun(
            instance,
            mode,
            master.name(),
            backup.name(),
            target.map(TrafficTarget::display).orElse(""),
            limit,
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
        return DrillResult.notRun(
            instance,
            mode,
            master.name(),
            backup.name(),
            target.get().display(),
            limit,
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
                      mode == DrillMode.GRACEFUL ? control.stop(Service.KEEPALIVED) : FREEZE));
      long deadline = System.nanoTime() + (limit + 5000) * 1_000_000;
      long vipOnBackup = awaitHolder(backupHost, vips, deadline, origin);
      CommandResult taken = takeAway.join();
      if (!taken.ok()) {
        throw new SshException(
            master.name(), "taking keepalived away failed: " + taken.stderr().strip(), null);
      }
      if (prober != null) {
        prober.awaitSuccesses(Math.max(stoppedAt, vipOnBackup), SUCCESSES_FOR_RECOVERY, deadline);
      }
      long backAt = millisSince(origin);
      CommandResult back =
          masterHost.script(
              mode == DrillMode.GRACEFUL
                  ? control.start(Service.KEEPALIVED)
                  : THAW
                      + "; "
                      + control.stop(Service.KEEPALIVED)
                      + " && "
                      + control.start(Service.KEEPALIVED));
      if (!back.ok()) {
        throw new SshException(
            master.name(), "starting keepalived again failed: " + back.stderr().strip(), null);
      }
      long failbackDeadline = System.nanoTime() + (3 * limit + 10_000) * 1_000_000;
      long vipBack = awaitHolder(masterHost, vips, failbackDeadline, origin);
      if (prober != null) {
        prober.awaitSuccesses(Math.max(backAt, vipBack), SUCCESSES_FOR_RECOVERY, failbackDeadline);
      }
      if (prober != null) {
        prober.close();
      }
      List<ProbeSample> samples = prober == null ? List.of() : prober.samples();
      Gap failover = Gap.of(samples, stoppedAt, backAt);
      Gap failback = Gap.of(samples, backAt, Long.MAX_VALUE);
      long failoverMillis =
          vipOnBackup < 0 ? -1 : Math.max(vipOnBackup - stoppedAt, failover.millis);
      boolean recovered = failover.recovered && failback.recovered;
      boolean passed = vipOnBackup >= 0 && failoverMillis <= limit && vipBack >= 0 && recovered;
      String message =
          String.format(
              "%s failover: %s%s (limit %d ms); fail-back: %s%s",
              label,
              vipOnBackup < 0
                  ? backup.name() + " never took " + vips + " over"
                  : "VIP on " + backup.name() + " after " + (vipOnBackup - stoppedAt) + " ms",
              target.isEmpty()
                  ? ", traffic not probed (no frontend binds the VIP)"
                  : failover.describe(samples.size()),
              limit,
              vipBack < 0
                  ? master.name() + " did not take the VIP back (nopreempt?)"
                  : "VIP on " + master.name() + " after " + (vipBack - backAt) + " ms",
              target.isEmpty() ? "" : failback.describe(samples.size()));
      if (!passed && vipOnBackup >= 0 && failoverMillis > limit) {
        message +=
            " — over the limit: lower advert_int (VRRPv3 allows fractions), or raise"
                + " lb.maxFailoverMillis";
      }
      log.info("Drill (" + label + ") of " + instance + ": " + message);
      return new DrillResult(
          instance,
          mode,
          master.name(),
          backup.name(),
          target.map(TrafficTarget::display).orElse(""),
          stoppedAt,
          vipOnBackup,
          failover.millis,
          failoverMillis,
          failover.failed,
          backAt,
          vipBack,
          failback.millis,
          failback.failed,
          limit,
          passed,
          message,
          samples);
    } catch (SshException e) {
      return DrillResult.notRun(
          instance,
          mode,
          master.name(),
          backup.name(),
          target.map(TrafficTarget::display).orElse(""),
          limit,
          "the drill failed: " + Secret.redact(e.getMessage(), master.secrets()),
          prober == null ? List.of() : prober.samples());
    } finally {
      if (prober != null) {
        prober.close();
      }
      leaveAsFound(masterHost, control, master.name());
      locked.forEach(this::unlock);
    }
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
  private void leaveAsFound(RemoteHost master, ServiceControl control, String name) {
    try {
      CommandResult result =
          master.script(
              THAW
                  + "; ("
                  + control.status(Service.KEEPALIVED)
                  + ") | grep -q running || "
                  + control.start(Service.KEEPALIVED));
      if (!result.ok()) {
        log.warn(
            "["
                + name
                + "] keepalived could not be started again after the drill: start it by hand");
      }
    } catch (SshException e) {
      log.warn("[" + name + "] could not check keepalived after the drill: " + e.getMessage());
    }
  }

  /** Polls a host until it holds all the VIPs; returns when, or -1 at the deadline. */
  private static long awaitHolder(
      RemoteHost remote, List<String> vips, long deadline, long origin) {
    while (System.nanoTime() < deadline) {
      HostState state = HostState.parse(remote.name(), remote.script(HostState.ADDRESSES).stdout());
      if (vips.stream().allMatch(state::holds)) {
        return millisSince(origin);
      }
      pause(20);
    }
    return -1;
  }

  /** How long requests failed in a window of the probe's samples. */
  private record Gap(long millis, int failed, int sent, boolean recovered) {

    static Gap of(List<ProbeSample> samples, long from, long to) {
      List<ProbeSample> window =
          samples.stream().filter(s -> s.atMillis() >= from && s.atMillis() < to).toList();
      int failed = (int) window.stream().filter(s -> !s.ok()).count();
      Optional<ProbeSample> lastFailure =
          window.stream().filter(s -> !s.ok()).reduce((first, second) -> second);
      if (lastFailure.isEmpty()) {
        return new Gap(0, 0, window.size(), !window.isEmpty());
      }
      Optional<ProbeSample> recovery =
          window.stream()
              .filter(s -> s.ok() && s.atMillis() > lastFailure.get().atMillis())
              .findFirst();
      return recovery
          .map(s -> new Gap(s.atMillis() + s.millis() - from, failed, window.size(), true))
          .orElse(new Gap(-1, failed, window.size(), false));
    }

    String describe(int total) {
      if (!recovered) {
        return ", requests still failing at the end (" + failed + " of " + sent + " failed)";
      }
      return failed == 0
          ? ", no request failed (" + sent + " sent)"
          : ", requests failed for " + millis + " ms (" + failed + " of " + sent + ")";
    }
  }

  /** 3 adverts plus the skew (when VRRP deems the master down), plus 1 s for ARP and polling. */
  static long derivedLimitMillis(VrrpInstance backup) {
    BigDecimal advert = backup.advertInt();
    BigDecimal skew =
        advert
            .multiply(BigDecimal.valueOf(256 - backup.priority()))
            .divide(BigDecimal.valueOf(256), 6, RoundingMode.HALF_UP);
    return advert.multiply(BigDecimal.valueOf(3)).add(skew).movePointRight(3).longValue() + 1000;
  }

  // ------------------------------------------------------------------ model helpers

  private static List<String> instanceNames(Cluster cluster) {
    return cluster.hosts().stream()
        .flatMap(host -> host.keepalived().instances().stream())
        .map(VrrpInstance::name)
        .distinct()
        .toList();
  }

  private static List<HostConfig> members(Cluster cluster, String instance) {
    return cluster.hosts().stream()
        .filter(
            host ->
                host.keepalived().instances().stream()
                    .anyMatch(candidate -> candidate.name().equals(instance)))
        .toList();
  }

  private static VrrpInstance instance(HostConfig host, String name) {
    return host.keepalived().instances().stream()
        .filter(instance -> instance.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> vips(Cluster cluster, String instance) {
    return members(cluster, instance).stream()
        .flatMap(host -> instance(host, instance).virtualIps().stream())
        .map(VirtualIp::ip)
        .distinct()
        .toList();
  }

  private static List<VerifyReport.HostSummary> summaries(
      Cluster cluster, Map<String, HostState> states) {
    List<VerifyReport.HostSummary> summaries = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      HostState state = states.get(host.name());
      List<VerifyReport.InstanceSummary> instances =
          host.keepalived().instances().stream()
              .map(
                  instance ->
                      new VerifyReport.InstanceSummary(
                          instance.name(),
                          instance.state().name(),
                          instance.priority(),
                          instance.virtualIps().stream().map(VirtualIp::ip).toList(),
                          role(instance, state)))
              .toList();
      Map<String, String> services = new LinkedHashMap<>();
      for (Service service : Service.values()) {
        services.put(
            service.unit(),
            state == null ? "unknown" : state.running(service) ? "running" : "stopped");
      }
      summaries.add(
          new VerifyReport.HostSummary(host.name(), host.host().address(), instances, services));
    }
    return summaries;
  }

  /**
   * The role a host plays in an instance, as its VIPs show: MASTER when it holds them all, BACKUP
   * when none and Keepalived runs, FAULT when Keepalived does not run, PARTIAL when it holds some.
   */
  static String role(VrrpInstance instance, HostState state) {
    if (state == null) {
      return "UNREACHABLE";
    }
    long held = instance.virtualIps().stream().map(VirtualIp::ip).filter(state::holds).count();
    if (!state.running(Service.KEEPALIVED)) {
      return held > 0 ? "FAULT (keepalived stopped, VIPs left)" : "FAULT (keepalived stopped)";
    }
    return held == instance.virtualIps().size() ? "MASTER" : held == 0 ? "BACKUP" : "PARTIAL";
  }

  private static long millisSince(long origin) {
    return (System.nanoTime() - origin) / 1_000_000;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
