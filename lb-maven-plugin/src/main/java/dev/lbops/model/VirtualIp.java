package dev.lbops.model;

/**
 * A virtual IP address of a VRRP instance.
 *
 * @param lvs the LVS virtual server on this address, or {@code null}
 */
public record VirtualIp(String ip, int cidr, LvsService lvs, Origin origin) {

  /** The prefix lengths of an address family. */
  public static Range cidrRange(boolean ipv6) {
    return new Range(0, ipv6 ? 128 : 32);
  }

  public boolean isIpv6() {
    return ip.contains(":");
  }
}
