package dev.lbops.rotation;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.model.Backend;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.Server;
import dev.lbops.remote.ServerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The servers that lb.servers names, on each load balancer, in every backend they serve. */
final class Selection {

  private static final String HINT =
      "name a server as the CMDB's backends list it: by its name (web1), backend/name"
          + " (web/web1), its address (198.18.0.101) or address:port";

  private Selection() {}

  /**
   * Checks the selectors against the CMDB, before any host is contacted: each must name a server of
   * some backend or listen section on every load balancer.
   *
   * @throws ProblemsException naming each selector that names no server of a host's CMDB, with the
   *     servers that host has
   */
  static void check(Cluster cluster, List<String> selectors) {
    List<Problem> problems = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      List<Backend> proxies =
          Stream.concat(
                  host.haproxy().backends().stream(),
                  host.haproxy().listens().stream().map(Listen::proxy))
              .toList();
      for (String selector : selectors) {
        boolean found =
            proxies.stream()
                .anyMatch(
                    proxy ->
                        proxy.servers().stream()
                            .anyMatch(server -> names(proxy, server, selector)));
        if (!found) {
          problems.add(
              Problem.error(
                  Location.UNKNOWN,
                  host.name(),
                  "lb.servers",
                  "'"
                      + selector
                      + "' is no server of this load balancer's CMDB"
                      + unknownWhy(cluster, proxies, selector)
                      + " (it has "
                      + known(proxies)
                      + ")",
                  HINT));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(
          "lb.servers names a server a load balancer does not have; no host was contacted",
          Problem.mergeHosts(problems));
    }
  }

  private static boolean names(Backend proxy, Server server, String selector) {
    return server.name().equals(selector)
        || (proxy.name() + "/" + server.name()).equals(selector)
        || server.address().equals(selector)
        || server.destination().equals(selector)
        || (server.address() + ":" + server.port()).equals(selector);
  }

  /** Why a selector names nothing, when that is more than "no such server". */
  private static String unknownWhy(Cluster cluster, List<Backend> proxies, String selector) {
    int slash = selector.indexOf('/');
    if (slash > 0) {
      String backend = selector.substring(0, slash);
      if (proxies.stream().noneMatch(proxy -> proxy.name().equals(backend))) {
        return ": it has no backend '" + backend + "'";
      }
    }
    if (cluster.hosts().stream().anyMatch(host -> host.name().equals(selector))) {
      return ": that is a load balancer (lb.servers names the servers behind them)";
    }
    return "";
  }

  private static String known(List<Backend> proxies) {
    List<String> servers =
        proxies.stream()
            .flatMap(
                proxy ->
                    proxy.servers().stream()
                        .map(s -> proxy.name() + "/" + s.name() + " " + s.destination()))
            .toList();
    return servers.isEmpty() ? "no server" : String.join(", ", servers);
  }

  /**
   * Each host's servers that the selectors name, as HAProxy there has them now.
   *
   * @throws ProblemsException naming each selector that names no server on a host, with the servers
   *     the host has; nothing is changed then
   */
  static Map<String, List<ServerStats.Server>> of(
      Map<String, ServerStats> stats, List<String> selectors) {
    Map<String, List<ServerStats.Server>> selected = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    stats.forEach(
        (host, servers) -> {
          Set<ServerStats.Server> found = new LinkedHashSet<>();
          for (String selector : selectors) {
            List<ServerStats.Server> matching = servers.matching(selector);
            if (matching.isEmpty()) {
              problems.add(
                  Problem.error(
                      Location.UNKNOWN,
                      host,
                      "lb.servers",
                      "'"
                          + selector
                          + "' is no server of HAProxy there (it has "
                          + known(servers)
                          + "): its haproxy.cfg is not the CMDB's",
                      "deploy the CMDB's configs (lb:deploy), then run this again"));
            }
            found.addAll(matching);
          }
          selected.put(host, List.copyOf(found));
        });
    if (!problems.isEmpty()) {
      throw new ProblemsException(
          "lb.servers names a server a load balancer's HAProxy does not have; nothing was changed",
          problems);
    }
    return selected;
  }

  private static String known(ServerStats servers) {
    if (servers.servers().isEmpty()) {
      return "no server";
    }
    return String.join(
        ", ",
        servers.servers().stream()
            .map(s -> s.id() + (s.address().isEmpty() ? "" : " " + s.address()))
            .toList());
  }
}
