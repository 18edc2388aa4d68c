package dev.lbops.lab;

import java.util.List;

/**
 * What a lab made, written to its state file so that lab-down can undo it later, also after a
 * crashed build.
 *
 * @param subnet the /24 in 198.18.0.0/15, such as {@code 198.18.7}
 */
public record LabState(
    String name, HostKind kind, String bridge, String subnet, List<LabHost> hosts) {

  public LabState {
    hosts = List.copyOf(hosts);
  }

  public String gateway() {
    return subnet + ".1";
  }

  List<LabHost> hosts(Role role) {
    return hosts.stream().filter(host -> host.role() == role).toList();
  }

  LabState withHosts(List<LabHost> newHosts) {
    return new LabState(name, kind, bridge, subnet, newHosts);
  }
}
