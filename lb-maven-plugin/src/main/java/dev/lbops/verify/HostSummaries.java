package dev.lbops.verify;

import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster as the report shows it: per host its VRRP instances, its role in each, services. */
final class HostSummaries {

  private HostSummaries() {}

  /**
   * @param states each readable host's state; a host without one is shown unreachable
   */
  static List<VerifyReport.HostSummary> of(Cluster cluster, Map<String, HostState> states) {
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
}
