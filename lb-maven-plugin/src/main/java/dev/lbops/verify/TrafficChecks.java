package dev.lbops.verify;

import dev.lbops.model.Bind;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request through every frontend bound to a VIP, as a client would send it. */
final class TrafficChecks {

  private static final Set<String> ANY_ADDRESS = Set.of("*", "", "0.0.0.0", "::");

  private TrafficChecks() {}

  /** Every frontend bound to a VIP (or to all addresses), once per VIP and port. */
  static List<TrafficTarget> targets(Cluster cluster) {
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
              : ANY_ADDRESS.contains(bind.address())
                  // '::' listens on both families (Linux's default), '*' on IPv4 only.
                  ? vips.stream()
                      .filter(vip -> bind.address().equals("::") || !vip.contains(":"))
                      .toList()
                  : List.of();
      for (String address : addresses) {
        targets.putIfAbsent(
            address + ":" + bind.port(),
            new TrafficTarget(proxy, address, bind.port(), http && !bind.isTls()));
      }
    }
  }

  /**
   * One request per target, retried once (a single lost packet is not an outage).
   *
   * @param probeTimeout one probe request's timeout; a check allows four times as much
   */
  static List<Check> run(List<TrafficTarget> targets, Duration probeTimeout) {
    Duration timeout = probeTimeout.multipliedBy(4);
    List<Check> checks = new ArrayList<>();
    for (TrafficTarget target : targets) {
      String name = "frontend " + target.frontend() + " answers on " + target.display();
      long started = System.nanoTime();
      String failure = target.request(timeout);
      if (failure != null) {
        failure = target.request(timeout);
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
}
