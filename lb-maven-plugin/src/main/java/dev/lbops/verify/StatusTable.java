package dev.lbops.verify;

import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * lb:status as lines: per host its role in each VRRP instance, services, servers, drift from the
 * rendered configs, and the configs edited on the host since the last deploy.
 */
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
      if (host.keepalived().instances().isEmpty()) {
        lines.add(
            String.format(
                "%-14s %-14s %-22s %-18s %-16s %-16s %s",
                host.name(),
                "-",
                "-",
                "",
                service(state, Service.HAPROXY),
                service(state, Service.KEEPALIVED),
                drift(drift)));
      }
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
                first ? drift(drift) : ""));
        first = false;
      }
      List<String> edited = state.editedOnTheHost().stream().map(ConfigKind::hostPath).toList();
      if (!edited.isEmpty()) {
        lines.add(
            String.format(
                "%-14s edited on the host since the last deploy (%s): %s; a deploy that would"
                    + " change it is refused without -Dlb.force (lb:diff shows the edit)",
                "", state.deployed().describe(), String.join(" ", edited)));
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

  private static String drift(List<String> differing) {
    return differing.isEmpty() ? "none" : "differs: " + String.join(" ", differing);
  }

  private static String service(HostState state, Service service) {
    long pid = state.services().get(service).pid();
    return state.running(service) ? "running " + pid : "STOPPED";
  }
}
