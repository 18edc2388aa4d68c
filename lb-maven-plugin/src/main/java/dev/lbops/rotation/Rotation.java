package dev.lbops.rotation;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Shown;
import dev.lbops.core.Threads;
import dev.lbops.model.Cluster;
import dev.lbops.remote.HaproxyRuntime;
import dev.lbops.remote.ServerStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * lb:drain and lb:ready: servers taken out of rotation on every load balancer, gracefully, and put
 * back only once every load balancer's health checks see them up. Through HAProxy's runtime API
 * alone: no config is read or written on the hosts, and each host's lock is held only while its
 * servers' state is changed, not while the sessions end or the checks run.
 */
public final class Rotation {

  private static final long POLL_MILLIS = 200;

  private final CredentialSource credentials;
  private final LbLog log;

  public Rotation(CredentialSource credentials, LbLog log) {
    this.credentials = credentials;
    this.log = log;
  }

  /**
   * Sets the servers to {@code drain} on every load balancer (no new connection goes to them), then
   * waits until their sessions there have ended; when they have not by the timeout, sets them to
   * {@code maint} with a warning.
   *
   * @throws dev.lbops.core.ProblemsException when lb.servers names a server a load balancer's CMDB
   *     does not have, or a load balancer's runtime API is off: before any host is contacted
   */
  public RotationReport drain(Cluster cluster, RotationOptions options) {
    Selection.check(cluster, options.servers());
    try (Balancers balancers = Balancers.connect("drain", cluster, options, credentials, log)) {
      Map<String, List<ServerStats.Server>> selected = new LinkedHashMap<>();
      long started = System.nanoTime();
      Map<String, ServerStats> before =
          balancers.change(
              "draining the servers",
              stats -> {
                selected.putAll(Selection.of(stats, options.servers()));
                return commands(selected, server -> !server.status().equals("MAINT"), "drain");
              });
      selected.forEach(
          (host, servers) ->
              log.info(
                  "["
                      + host
                      + "] draining "
                      + String.join(", ", servers.stream().map(ServerStats.Server::id).toList())));
      Wait drained =
          waitFor(
              balancers,
              selected,
              started,
              options,
              server -> server.sessions() + server.queued() == 0);
      Wait wait = drained;
      if (!drained.pending().isEmpty()) {
        balancers.change(
            "setting the servers to maintenance",
            stats -> commands(drained.pending(), s -> true, "maint"));
        wait = new Wait(balancers.stats(), drained.doneAt(), drained.pending());
        drained
            .pending()
            .forEach(
                (host, servers) ->
                    servers.forEach(
                        server ->
                            log.warn(
                                "["
                                    + host
                                    + "] "
                                    + server.id()
                                    + " still had "
                                    + server.sessions()
                                    + " sessions after "
                                    + options.timeout().toSeconds()
                                    + " s (lb.drainTimeout): set to maintenance; its sessions run"
                                    + " on until they end")));
      }
      RotationReport report = report("drain", before, selected, wait, started);
      log.info(
          String.format(
              "Drained %s on %s in %.1f s",
              String.join(", ", options.servers()),
              String.join(", ", balancers.names()),
              report.seconds()));
      return report;
    }
  }

  /**
   * Sets the servers back to {@code ready} on every load balancer and waits until every load
   * balancer's health checks see them up.
   *
   * @throws RotationException when one is not up by the timeout: then they are drained again on
   *     every load balancer, so that none serves from one load balancer only
   */
  public RotationReport ready(Cluster cluster, RotationOptions options) {
    Selection.check(cluster, options.servers());
    try (Balancers balancers = Balancers.connect("ready", cluster, options, credentials, log)) {
      Map<String, List<ServerStats.Server>> selected = new LinkedHashMap<>();
      long started = System.nanoTime();
      Map<String, ServerStats> before =
          balancers.change(
              "making the servers ready",
              stats -> {
                selected.putAll(Selection.of(stats, options.servers()));
                return commands(selected, server -> true, "ready");
              });
      Wait wait = waitFor(balancers, selected, started, options, ServerStats.Server::up);
      if (!wait.pending().isEmpty()) {
        balancers.change(
            "draining the servers again", stats -> commands(selected, s -> true, "drain"));
        RotationReport report =
            report(
                "ready",
                before,
                selected,
                new Wait(balancers.stats(), wait.doneAt(), wait.pending()),
                started);
        List<String> notUp = new ArrayList<>();
        wait.pending()
            .forEach(
                (host, servers) ->
                    servers.forEach(
                        server ->
                            notUp.add(
                                server.id()
                                    + " on "
                                    + host
                                    + " is "
                                    + Shown.escaped(server.status())
                                    + (server.lastCheck().isBlank()
                                        ? ""
                                        : " (its last check: "
                                            + Shown.escaped(server.lastCheck())
                                            + ")"))));
        throw new RotationException(
            "Not up after "
                + options.timeout().toSeconds()
                + " s (lb.readyTimeout): "
                + String.join("; ", notUp)
                + ". Left drained on every load balancer ("
                + String.join(", ", balancers.names())
                + "): fix the server, then run lb:ready again",
            report);
      }
      RotationReport report = report("ready", before, selected, wait, started);
      log.info(
          String.format(
              "Ready: %s up on %s after %.1f s",
              String.join(", ", options.servers()),
              String.join(", ", balancers.names()),
              report.seconds()));
      return report;
    }
  }

  /** A state command for each selected server that {@code which} accepts, by host. */
  private static Map<String, List<String>> commands(
      Map<String, List<ServerStats.Server>> selected,
      Predicate<ServerStats.Server> which,
      String state) {
    Map<String, List<String>> commands = new LinkedHashMap<>();
    selected.forEach(
        (host, servers) ->
            commands.put(
                host,
                servers.stream()
                    .filter(which)
                    .map(server -> HaproxyRuntime.setState(server.id(), state))
                    .toList()));
    return commands;
  }

  /**
   * Where the wait ended.
   *
   * @param last each host's servers as last read
   * @param doneAt when each server got there, by host and {@code backend/server}, in seconds
   * @param pending the servers that did not, as last read
   */
  private record Wait(
      Map<String, ServerStats> last,
      Map<String, Map<String, Double>> doneAt,
      Map<String, List<ServerStats.Server>> pending) {}

  /** Polls every host until each selected server is {@code there}, or the timeout. */
  private static Wait waitFor(
      Balancers balancers,
      Map<String, List<ServerStats.Server>> selected,
      long started,
      RotationOptions options,
      Predicate<ServerStats.Server> there) {
    long deadline = started + options.timeout().toNanos();
    Map<String, Map<String, Double>> doneAt = new HashMap<>();
    while (true) {
      Map<String, ServerStats> stats = balancers.stats();
      double now = (System.nanoTime() - started) / 1e9;
      Map<String, List<ServerStats.Server>> pending = new LinkedHashMap<>();
      selected.forEach(
          (host, servers) -> {
            for (ServerStats.Server server : servers) {
              ServerStats.Server current =
                  stats.get(host).find(server.backend(), server.server()).orElse(null);
              Map<String, Double> hostDone = doneAt.computeIfAbsent(host, h -> new HashMap<>());
              if (current == null || there.test(current)) {
                hostDone.putIfAbsent(server.id(), now);
              } else {
                hostDone.remove(server.id());
                pending.computeIfAbsent(host, h -> new ArrayList<>()).add(current);
              }
            }
          });
      if (pending.isEmpty() || System.nanoTime() > deadline) {
        return new Wait(stats, doneAt, pending);
      }
      Threads.sleep(POLL_MILLIS);
    }
  }

  private static RotationReport report(
      String action,
      Map<String, ServerStats> before,
      Map<String, List<ServerStats.Server>> selected,
      Wait wait,
      long started) {
    double total = (System.nanoTime() - started) / 1e9;
    List<RotationReport.ServerOutcome> outcomes = new ArrayList<>();
    selected.forEach(
        (host, servers) -> {
          for (ServerStats.Server server : servers) {
            ServerStats.Server last =
                wait.last().get(host).find(server.backend(), server.server()).orElse(server);
            Double at = wait.doneAt().getOrDefault(host, Map.of()).get(server.id());
            ServerStats.Server first =
                before.get(host).find(server.backend(), server.server()).orElse(server);
            outcomes.add(
                new RotationReport.ServerOutcome(
                    host,
                    server.id(),
                    last.status(),
                    first.sessions(),
                    at == null ? total : at,
                    at != null,
                    last.lastCheck()));
          }
        });
    return new RotationReport(action, outcomes, total);
  }
}
