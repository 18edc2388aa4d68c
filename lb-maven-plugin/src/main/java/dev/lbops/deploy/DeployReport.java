package dev.lbops.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every host's outcome, and the unified diffs of a dry run (secrets redacted). */
public record DeployReport(boolean success, List<HostOutcome> hosts, List<String> diffs) {

  public DeployReport {
    hosts = List.copyOf(hosts);
    diffs = List.copyOf(diffs);
  }

  /** A table for the build log: host, changed files, action, seconds, state. */
  public List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-16s %-40s %-28s %7s  %s", "host", "changed files", "action", "seconds", "state"));
    for (HostOutcome host : hosts) {
      String actions =
          host.actions().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + " " + e.getValue().word())
              .reduce((a, b) -> a + ", " + b)
              .orElse("none");
      lines.add(
          String.format(
              "%-16s %-40s %-28s %7.1f  %s",
              host.host(),
              host.changedFiles().isEmpty() ? "-" : String.join(" ", host.changedFiles()),
              actions,
              host.seconds(),
              host.state().word()));
    }
    return lines;
  }
}
