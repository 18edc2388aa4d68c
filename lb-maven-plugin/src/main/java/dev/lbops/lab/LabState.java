package dev.lbops.lab;

import java.util.List;

/**
 * What a lab made, written to its state file so that lab-down can undo it later, also after a
 * crashed build.
 *
 * @param subnet the /24 in 198.18.0.0/15, such as {@code 198.18.7}; its IPv6 twin is the /64 {@code
 *     2001:db8:0:7::} of the documentation range, each host's address there ending like its IPv4
 *     one ({@code .11} is {@code ::11})
 */
public record LabState(
    String name, HostKind kind, String bridge, String subnet, List<LabHost> hosts) {

  public LabState {
    hosts = List.copyOf(hosts);
  }

  public String gateway() {
    return subnet + ".1";
  }

  /** The lab's IPv6 /64 without its host part, such as {@code 2001:db8:0:7}. */
  public String subnet6() {
    return ipv6Prefix(subnet);
  }

  /** This machine's IPv6 address on the lab's bridge. */
  public String gateway6() {
    return subnet6() + "::1";
  }

  /** The IPv6 twin of a lab address: {@code 198.18.7.11} is {@code 2001:db8:0:7::11}. */
  public static String ipv6(String ipv4) {
    int last = ipv4.lastIndexOf('.');
    return ipv6Prefix(ipv4.substring(0, last)) + "::" + ipv4.substring(last + 1);
  }

  private static String ipv6Prefix(String subnet) {
    return "2001:db8:0:" + subnet.substring(subnet.lastIndexOf('.') + 1);
  }

  List<LabHost> hosts(Role role) {
    return hosts.stream().filter(host -> host.role() == role).toList();
  }

  LabState withHosts(List<LabHost> newHosts) {
    return new LabState(name, kind, bridge, subnet, newHosts);
  }
}
