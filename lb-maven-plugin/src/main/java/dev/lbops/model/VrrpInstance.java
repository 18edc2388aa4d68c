package dev.lbops.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A {@code vrrp_instance}.
 *
 * @param state the state it starts in: as written, else as Keepalived derives it (MASTER for
 *     priority 255, else BACKUP)
 * @param priority as written, else as Keepalived derives it (255 for MASTER, else 100)
 * @param advertInt seconds between advertisements (Keepalived's 1 when left out)
 * @param unicastSrcIp the source address for unicast VRRP, or empty for multicast
 * @param authentication VRRP authentication, or {@code null} for none
 * @param failback how a returning master takes the VIPs back, as the CMDB says (for the instance or
 *     for all of the host's), or {@code null} when it does not: {@link Failback#of} decides
 * @param failover how soon a backup takes over: {@link Failover#FAST} when the CMDB says so (for
 *     the instance or for all of the host's), which also gave {@code advertInt} and the garp master
 *     delay their fast defaults
 * @param preemptDelay seconds to wait before preempting, or {@code null}
 * @param smtpAlert whether state changes are mailed ({@code smtp_alert})
 * @param lines free lines
 * @param omitted the directives left to Keepalived's own default, not written: {@code state},
 *     {@code priority}, {@code advert_int}
 * @param options what it tracks, carries and speaks beyond its election
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
    Failover failover,
    boolean nopreempt,
    Integer preemptDelay,
    Garp garp,
    boolean smtpAlert,
    List<FreeLine> lines,
    Set<String> omitted,
    Origin origin,
    VrrpOptions options) {

  /** Keepalived's {@code virtual_router_id}: one byte, 0 being reserved. */
  public static final Range ROUTER_ID = new Range(1, 255);

  /** 255 makes the instance the addresses' owner. */
  public static final Range PRIORITY = new Range(1, 255);

  /** The priority of an address owner: MASTER at once, always. */
  public static final int OWNER_PRIORITY = 255;

  /** The priority Keepalived gives a BACKUP that sets none. */
  public static final int DEFAULT_PRIORITY = 100;

  /** Seconds. */
  public static final Range PREEMPT_DELAY = new Range(0, 1000);

  public VrrpInstance {
    virtualIps = List.copyOf(virtualIps);
    unicastPeers = List.copyOf(unicastPeers);
    lines = List.copyOf(lines);
    omitted = Set.copyOf(omitted);
  }

  /** Whether {@code directive} is written, rather than left to Keepalived's default. */
  public boolean writes(String directive) {
    return !omitted.contains(directive);
  }
}
