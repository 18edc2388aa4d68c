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
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.RemoteHosts;
import dev.lbops.remote.Service;
import dev.lbops.render.RenderedFile;
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
            for (SharedInstance instance : cluster.instances()) {
              for (DrillMode mode : options.drills()) {
                DrillResult drill = drill(instance, mode, connections, targets, options, probe);
                drills.add(drill);
                checks.add(
                    new Check(
                        "drill",
                        instance.name()
                            + " "
                            + mode.name().toLowerCase().replace('_', ' ')
                            + " failover",
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
    for (SharedInstance instance : cluster.instances()) {
      checks.add(holderCheck(instance, states));
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

  private static Check holderCheck(SharedInstance instance, Map<String, HostState> states) {
    String name = "VRRP instance " + instance.name() + " has one holder";
    List<String> vips = instance.vips();
    List<String> holders = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (HostConfig host : instance.hosts()) {
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

  /** Finds the instance's master, its backup, the probe's target and the limit, then drills. */
  private DrillResult drill(
      SharedInstance shared,
      DrillMode mode,
      Connections connections,
      List<TrafficTarget> targets,
      VerifyOptions options,
      SshConnection probe) {
    String instance = shared.name();
    List<String> vips = shared.vips();
    Map<String, HostState> states = connections.readStates();
    HostConfig master =
        shared.hosts().stream()
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
        shared.hosts().stream()
            .filter(host -> host != master)
            .max(Comparator.comparingInt(host -> shared.member(host.name()).instance().priority()))
            .orElse(null);
    Optional<TrafficTarget> target =
        targets.stream().filter(t -> vips.contains(t.address())).findFirst();
    long limit =
        options.maxFailoverMillis() > 0
            ? options.maxFailoverMillis()
            : backup == null ? 0 : derivedLimitMillis(shared.member(backup.name()).instance());
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
    return new Drill(
            log,
            instance,
            mode,
            master,
            backup,
            connections.remote(master.name()),
            connections.remote(backup.name()),
            states.get(master.name()).control(),
            vips,
            target,
            limit,
            options,
            probe)
        .run();
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

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
