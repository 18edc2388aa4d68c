package dev.lbops.model;

import java.util.List;

/**
 * What a VRRP instance does beyond its election: the scripts and interfaces it tracks, the
 * addresses and routes it carries besides its VIPs, a virtual MAC, and its VRRP version.
 *
 * @param trackScripts the user {@link VrrpScript}s it tracks, by name
 * @param trackInterfaces interfaces whose loss takes it to FAULT (or lowers its priority)
 * @param excludedIps addresses it brings up with its VIPs that its adverts do not carry ({@code
 *     virtual_ipaddress_excluded}): another address family, or more than fit in an advert
 * @param virtualRoutes routes added while it is MASTER
 * @param useVmac empty for none, {@code true} for Keepalived's own interface name ({@code
 *     vrrp.<router_id>}), else the name of the VMAC interface
 * @param version 2 or 3, or {@code null} for Keepalived's choice (3 for a fractional advert_int)
 */
public record VrrpOptions(
    List<String> trackScripts,
    List<TrackedInterface> trackInterfaces,
    List<VirtualIp> excludedIps,
    List<VirtualRoute> virtualRoutes,
    String useVmac,
    Integer version) {

  public static final VrrpOptions NONE =
      new VrrpOptions(List.of(), List.of(), List.of(), List.of(), "", null);

  public static final Range VERSION = new Range(2, 3);

  public VrrpOptions {
    trackScripts = List.copyOf(trackScripts);
    trackInterfaces = List.copyOf(trackInterfaces);
    excludedIps = List.copyOf(excludedIps);
    virtualRoutes = List.copyOf(virtualRoutes);
  }

  /**
   * An interface an instance tracks.
   *
   * @param weight the priority change while it is down, or {@code null}: then its loss takes the
   *     instance to FAULT
   */
  public record TrackedInterface(String name, Integer weight) {}

  /**
   * A {@code virtual_routes} line: {@code <to> [src <src>] [via <via>] [dev <dev>] [metric <m>]
   * [table <t>]}.
   *
   * @param to a network in CIDR notation, or {@code default}
   * @param src, via, dev empty when not set
   * @param metric, table {@code null} when not set
   */
  public record VirtualRoute(
      String to, String src, String via, String dev, Integer metric, Integer table, Origin origin) {

    public static final Range METRIC = new Range(0, 65535);
    public static final Range TABLE = new Range(1, 252);
  }
}
