package dev.lbops.model;

/**
 * A virtual IP address of a VRRP instance.
 *
 * @param lvs the LVS virtual server on this address, or {@code null}
 */
public record VirtualIp(String ip, int cidr, LvsService lvs, Origin origin) {

  public boolean isIpv6() {
    return ip.contains(":");
  }
}
