package dev.lbops.rotation;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.remote.ServerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The servers that lb.servers names, on each load balancer, in every backend they serve. */
final class Selection {

  private Selection() {}

  /**
   * Each host's servers that the selectors name.
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
                          + ")",
                      "name a server by its name or address as the CMDB's backends list it"));
            }
            found.addAll(matching);
          }
          selected.put(host, List.copyOf(found));
        });
    if (!problems.isEmpty()) {
      throw new ProblemsException(
          "lb.servers names a server a load balancer does not have; nothing was changed", problems);
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
