package dev.lbops.deploy;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.Threads;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.PairChecks;
import dev.lbops.remote.VipFrontend;
import dev.lbops.ssh.CommandResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The post-deploy check: after each host's activation and again at the end, lb:verify's quick
 * checks of the pair — each VRRP instance held by exactly one host, every frontend on a VIP
 * answering, no HAProxy server down that was up before the deploy — against what they were before
 * the first activation. The checks pass once HAProxy's health checks have decided every server (a
 * reloaded HAProxy starts with untested servers, a server moved live counts as just up), for at
 * most {@link #CHECKS_AWAITED} (or the settle time, when longer), then with a warning (a server
 * that counted as just up before the deploy too is not waited for); a check that fails is given,
 * from when it first failed, until the pair has settled (three adverts of the slowest instance,
 * plus two seconds: a VRRP election, a few health checks) to pass; then it fails like an
 * activation, and the deploy rolls back. A frontend that did not answer this machine before the
 * deploy (a new one, or one this machine cannot reach) and an instance that had no single holder
 * before only count at the end, and a frontend only as a warning.
 */
final class HealthGate {

  /** How long HAProxy's health checks are given to decide every server, a check 25 s apart too. */
  static final Duration CHECKS_AWAITED = Duration.ofSeconds(30);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final long POLL_MILLIS = 250;

  private final Map<String, PreparedHost> prepared;
  private final List<SharedInstance> instances;
  private final List<VipFrontend> frontends;
  private final Map<String, HostState> before;
  private final Set<String> answeredBefore;
  private final Set<String> heldBefore;
  private final Duration settle;
  private final LbLog log;

  private HealthGate(
      Map<String, PreparedHost> prepared,
      List<SharedInstance> instances,
      List<VipFrontend> frontends,
      Map<String, HostState> before,
      Set<String> answeredBefore,
      Set<String> heldBefore,
      Duration settle,
      LbLog log) {
    this.prepared = prepared;
    this.instances = instances;
    this.frontends = frontends;
    this.before = before;
    this.answeredBefore = answeredBefore;
    this.heldBefore = heldBefore;
    this.settle = settle;
    this.log = log;
  }

  /**
   * Reads what the checks show before the first activation: the hosts' states and which frontends
   * answer. Instances with a member outside this deploy ({@code lb.only}) are not checked for
   * holders: not every member is read.
   */
  static HealthGate before(Cluster cluster, Map<String, PreparedHost> prepared, LbLog log) {
    List<SharedInstance> instances =
        cluster.instances().stream()
            .filter(
                instance ->
                    instance.hosts().stream().allMatch(host -> prepared.containsKey(host.name())))
            .toList();
    List<HostConfig> hosts = prepared.values().stream().map(PreparedHost::config).toList();
    List<VipFrontend> frontends = VipFrontend.of(hosts);
    Map<String, HostState> states = new ConcurrentHashMap<>();
    readStates(prepared.values().stream().toList(), states, new ConcurrentHashMap<>());
    Set<String> answered = ConcurrentHashMap.newKeySet();
    Parallel.map(
        frontends,
        frontends.size(),
        frontend -> {
          if (frontend.request(REQUEST_TIMEOUT) == null) {
            answered.add(frontend.display());
          }
          return frontend;
        });
    Set<String> held = ConcurrentHashMap.newKeySet();
    for (SharedInstance instance : instances) {
      if (PairChecks.holders(instance, states).exactlyOne()) {
        held.add(instance.name());
      }
    }
    return new HealthGate(
        prepared, instances, frontends, states, answered, held, settle(instances), log);
  }

  /** The host's state as read before the first activation; empty when it could not be read. */
  Optional<HostState> before(String host) {
    return Optional.ofNullable(before.get(host));
  }

  /** Three adverts of the slowest instance plus two seconds; three seconds at least. */
  private static Duration settle(List<SharedInstance> instances) {
    BigDecimal advert =
        instances.stream()
            .flatMap(instance -> instance.members().stream())
            .map(member -> member.instance().advertInt())
            .max(BigDecimal::compareTo)
            .orElse(BigDecimal.ONE);
    long millis = advert.multiply(BigDecimal.valueOf(3000)).longValue() + 2000;
    return Duration.ofMillis(Math.max(3000, Math.min(millis, 60_000)));
  }

  /**
   * The checks of {@code host}'s instances and their frontends, after its activation; the problems,
   * or empty when they passed.
   */
  Optional<String> after(HostConfig host) {
    List<String> names = host.keepalived().instances().stream().map(VrrpInstance::name).toList();
    List<SharedInstance> mine =
        instances.stream().filter(instance -> names.contains(instance.name())).toList();
    List<String> vips =
        host.keepalived().instances().stream()
            .flatMap(instance -> instance.virtualIps().stream())
            .map(VirtualIp::ip)
            .toList();
    List<VipFrontend> served =
        frontends.stream().filter(frontend -> vips.contains(frontend.address())).toList();
    List<PreparedHost> read = new ArrayList<>();
    read.add(prepared.get(host.name()));
    mine.forEach(
        instance ->
            instance.hosts().stream()
                .map(member -> prepared.get(member.name()))
                .filter(p -> !read.contains(p))
                .forEach(read::add));
    return check("[" + host.name() + "] post-deploy check", mine, served, read, false);
  }

  /** Every instance and frontend of the deploy, at its end. */
  Optional<String> atEnd() {
    return check(
        "Post-deploy check of the pair",
        instances,
        frontends,
        prepared.values().stream().toList(),
        true);
  }

  private Optional<String> check(
      String label,
      List<SharedInstance> checked,
      List<VipFrontend> served,
      List<PreparedHost> read,
      boolean atEnd) {
    long started = System.nanoTime();
    long problemsSince = -1;
    long checksDeadline = started + Math.max(settle.toNanos(), CHECKS_AWAITED.toNanos());
    List<String> problems;
    List<String> warnings;
    List<String> unchecked;
    while (true) {
      problems = new ArrayList<>();
      warnings = new ArrayList<>();
      Map<String, HostState> states = new ConcurrentHashMap<>();
      Map<String, String> unread = new ConcurrentHashMap<>();
      readStates(read, states, unread);
      for (Map.Entry<String, String> failure : unread.entrySet()) {
        problems.add(failure.getKey() + " could not be read: " + failure.getValue());
      }
      for (SharedInstance instance : checked) {
        Optional<String> holders = PairChecks.holderProblem(instance, states);
        if (holders.isPresent() && (atEnd || heldBefore.contains(instance.name()))) {
          problems.add(holders.get());
        } else if (holders.isEmpty() && atEnd) {
          // At the end the pair is to be settled: VRRP elects the member of highest priority.
          String holder = PairChecks.holders(instance, states).all().get(0);
          Optional<String> rightful = PairChecks.rightfulHolder(instance);
          if (rightful.isPresent() && !rightful.get().equals(holder)) {
            problems.add(
                instance.name()
                    + ": held by "
                    + holder
                    + ", not by "
                    + rightful.get()
                    + " of highest priority (VRRP has not settled, or "
                    + rightful.get()
                    + " cannot hold it)");
          }
        }
      }
      for (VipFrontend frontend : served) {
        String failure = frontend.requestTwice(REQUEST_TIMEOUT);
        if (failure != null) {
          String what =
              "frontend " + frontend.frontend() + " on " + frontend.display() + ": " + failure;
          if (answeredBefore.contains(frontend.display())) {
            problems.add(what);
          } else {
            warnings.add(what);
          }
        }
      }
      unchecked = new ArrayList<>();
      for (PreparedHost host : read) {
        HostState now = states.get(host.config().name());
        HostState then = before.get(host.config().name());
        for (HostState.ServerState server :
            now == null ? List.<HostState.ServerState>of() : now.servers()) {
          // A server that failed checks before the deploy too is not waited for.
          if (server.awaitingCheck() && (then == null || !then.justUp(server))) {
            unchecked.add(server.id() + " on " + host.config().name());
          }
        }
        if (now != null && then != null) {
          List<String> down = PairChecks.newlyDown(then, now);
          if (!down.isEmpty()) {
            problems.add(
                "down on " + host.config().name() + " and up before: " + String.join(", ", down));
          }
        }
      }
      long nanos = System.nanoTime();
      problemsSince = problems.isEmpty() ? -1 : problemsSince < 0 ? nanos : problemsSince;
      if (problems.isEmpty()
          ? unchecked.isEmpty() || nanos > checksDeadline
          : nanos - problemsSince > settle.toNanos()) {
        break;
      }
      Threads.sleep(POLL_MILLIS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!problems.isEmpty()) {
      log.warn(
          String.format("%s failed (%.1f s): %s", label, seconds, String.join("; ", problems)));
      return Optional.of(String.join("; ", problems));
    }
    if (!unchecked.isEmpty()) {
      log.warn(
          String.format(
              "%s: HAProxy's health checks have not decided after %.0f s whether these servers are"
                  + " up: %s",
              label, seconds, String.join(", ", unchecked)));
    }
    if (atEnd && !warnings.isEmpty()) {
      log.warn(
          label
              + ": not answering this machine, before the deploy either (a new frontend, or one"
              + " this machine cannot reach): "
              + String.join("; ", warnings));
    }
    log.info(String.format("%s passed (%.1f s)", label, seconds));
    return Optional.empty();
  }

  private static void readStates(
      List<PreparedHost> hosts, Map<String, HostState> states, Map<String, String> unread) {
    Parallel.map(
        hosts,
        hosts.size(),
        host -> {
          try {
            CommandResult result =
                host.remote().script("read the host's state", HostState.script(host.config()));
            states.put(
                host.config().name(), HostState.parse(host.config().name(), result.stdout()));
          } catch (RuntimeException e) {
            unread.put(host.config().name(), e.getMessage());
          }
          return host;
        });
  }
}
