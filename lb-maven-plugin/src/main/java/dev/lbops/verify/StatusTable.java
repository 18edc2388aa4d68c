package dev.lbops.verify;

import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** lb:status as lines: per host its role in each VRRP instance, services, servers and drift. */
public final class StatusTable {

  private StatusTable() {}

  public static List<String> lines(
      Cluster cluster, List<RenderedFile> files, Verifier.Status status) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-14s %-14s %-22s %-18s %-16s %-16s %s",
            "host", "instance", "role", "VIPs held", "haproxy", "keepalived", "config drift"));
    for (HostConfig host : cluster.hosts()) {
      HostState state = status.states().get(host.name());
      if (state == null) {
        lines.add(
            String.format(
                "%-14s unreachable: %s", host.name(), status.unreachable().get(host.name())));
        continue;
      }
      List<String> drift =
          files.stream()
              .filter(file -> file.host().equals(host.name()))
              .filter(file -> !file.bodySha256().equals(state.checksums().get(file.kind())))
              .map(file -> file.kind().hostPath())
              .toList();
      boolean first = true;
      for (VrrpInstance instance : host.keepalived().instances()) {
        lines.add(
            String.format(
                "%-14s %-14s %-22s %-18s %-16s %-16s %s",
                first ? host.name() : "",
                instance.name(),
                HostSummaries.role(instance, state),
                instance.virtualIps().stream()
                    .map(VirtualIp::ip)
                    .filter(state::holds)
                    .collect(Collectors.joining(" ")),
                first ? service(state, Service.HAPROXY) : "",
                first ? service(state, Service.KEEPALIVED) : "",
                first ? (drift.isEmpty() ? "none" : "differs: " + String.join(" ", drift)) : ""));
        first = false;
      }
      Map<String, List<String>> backends = new LinkedHashMap<>();
      state
          .servers()
          .forEach(
              server ->
                  backends
                      .computeIfAbsent(server.backend(), backend -> new ArrayList<>())
                      .add(server.server() + " " + server.status()));
      backends.forEach(
          (backend, servers) ->
              lines.add(
                  String.format("%-14s backend %s: %s", "", backend, String.join(", ", servers))));
      if (!state.statError().isEmpty()) {
        lines.add(String.format("%-14s servers not read: %s", "", state.statError()));
      }
    }
    status.runningOnBackup().forEach(running -> lines.add(running.line()));
    return lines;
  }

  private static String service(HostState state, Service service) {
    long pid = state.services().get(service).pid();
    return state.running(service) ? "running " + pid : "STOPPED";
  }
}
