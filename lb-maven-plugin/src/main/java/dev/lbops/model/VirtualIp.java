package dev.lbops.model;

/**
 * A virtual IP address of a VRRP instance.
 *
 * @param dev the interface it is added to when not the instance's, or empty
 * @param scope its address scope, or empty
 * @param label its address label (starting with the interface's name and ':'), or empty
 * @param lvs the LVS virtual server on this address, or {@code null}
 */
public record VirtualIp(
    String ip, int cidr, String dev, String scope, String label, LvsService lvs, Origin origin) {

  /** The prefix lengths of an address family. */
  public static Range cidrRange(boolean ipv6) {
    return new Range(0, ipv6 ? 128 : 32);
  }

  public boolean isIpv6() {
    return ip.contains(":");
  }

  /** The address as {@code virtual_ipaddress} holds it, once whatever LVS ports it carries. */
  public String address() {
    return ip + "/" + cidr;
  }
}
