package dev.lbops.rotation;

import dev.lbops.core.Shown;
import java.util.ArrayList;
import java.util.List;

/**
 * What lb:drain or lb:ready did: each server on each load balancer, where it ended and when.
 *
 * @param action {@code drain} or {@code ready}
 * @param seconds from the state's change to the end of the wait
 */
public record RotationReport(String action, List<ServerOutcome> servers, double seconds) {

  public RotationReport {
    servers = List.copyOf(servers);
  }

  /**
   * One server of one backend on one load balancer.
   *
   * @param server {@code backend/server}
   * @param status HAProxy's status for it at the end ({@code DRAIN}, {@code MAINT}, {@code UP}...)
   * @param sessionsAtStart its sessions when the state changed
   * @param seconds when it got there (its sessions ended, or the checks saw it up), or the whole
   *     wait when it did not
   * @param done whether it got there before the timeout
   */
  public record ServerOutcome(
      String host,
      String server,
      String status,
      int sessionsAtStart,
      double seconds,
      boolean done,
      String lastCheck) {}

  /**
   * A table for the build log: load balancer, server, status (as HAProxy said it, escaped),
   * sessions at the start, seconds.
   */
  public List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-16s %-32s %-12s %9s %8s",
            "load balancer", "server", "status", "sessions", "seconds"));
    for (ServerOutcome outcome : servers) {
      lines.add(
          String.format(
              "%-16s %-32s %-12s %9d %8.1f%s",
              outcome.host(),
              outcome.server(),
              Shown.escaped(outcome.status()),
              outcome.sessionsAtStart(),
              outcome.seconds(),
              outcome.done() ? "" : "  (timed out)"));
    }
    return lines;
  }
}
