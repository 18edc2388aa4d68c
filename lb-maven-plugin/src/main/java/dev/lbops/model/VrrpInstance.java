package dev.lbops.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A {@code vrrp_instance}.
 *
 * @param unicastSrcIp the source address for unicast VRRP, or empty for multicast
 * @param authentication VRRP authentication, or {@code null} for none
 * @param failback how a returning master takes the VIPs back, as the CMDB says (for the instance or
 *     for all of the host's), or {@code null} when it does not: {@link Failback#of} decides
 * @param preemptDelay seconds to wait before preempting, or {@code null}
 */
public record VrrpInstance(
    String name,
    VrrpState state,
    String interfaceName,
    int routerId,
    int priority,
    BigDecimal advertInt,
    List<VirtualIp> virtualIps,
    String unicastSrcIp,
    List<String> unicastPeers,
    VrrpAuthentication authentication,
    boolean trackHaproxy,
    NotifyScripts notifyScripts,
    Failback failback,
    boolean nopreempt,
    Integer preemptDelay,
    Garp garp,
    Origin origin) {

  /** Keepalived's {@code virtual_router_id}: one byte, 0 being reserved. */
  public static final Range ROUTER_ID = new Range(1, 255);

  /** 255 is reserved for the address owner. */
  public static final Range PRIORITY = new Range(1, 254);

  /** Seconds. */
  public static final Range PREEMPT_DELAY = new Range(0, 1000);

  public VrrpInstance {
    virtualIps = List.copyOf(virtualIps);
    unicastPeers = List.copyOf(unicastPeers);
  }
}
