package dev.lbops.deploy;

import dev.lbops.core.Addresses;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One way a host hands on the packets of a connection that is open on a peer, so that the VIPs move
 * between live hosts without losing a request under way ({@code handover.sh}): an IPv4 VIP of a
 * VRRP instance the host shares, one peer that shares it, and how recent that peer's last advert
 * must be. Not in the client-IP mode, where the servers' replies also come through the VIP holder;
 * not for an LVS VIP, which IPVS serves.
 *
 * @param vip the VIP
 * @param peer the peer's address on the instance's network: its {@code unicast_src_ip}, else its
 *     inventory address (a peer with neither as an IPv4 address gets no handover)
 * @param seconds how long after its last advert the peer counts as alive: three of the instance's
 *     adverts, at least 1 s. A backup takes over from a lost master only after more than three, so
 *     the connections of a lost master are reset as before rather than sent into the void.
 */
record Handover(String vip, String peer, int seconds) {

  static List<Handover> of(Cluster cluster, HostConfig host) {
    if (host.haproxy().sendsClientIp()) {
      return List.of();
    }
    List<Handover> handovers = new ArrayList<>();
    for (SharedInstance shared : cluster.instances()) {
      if (!shared.hosts().contains(host)) {
        continue;
      }
      VrrpInstance own = shared.member(host.name()).instance();
      int seconds = Math.max(1, own.advertInt().multiply(BigDecimal.valueOf(3)).intValue());
      for (SharedInstance.Member other : shared.members()) {
        String peer = address(other);
        if (other.host().equals(host) || !Addresses.isIpv4(peer)) {
          continue;
        }
        for (VirtualIp vip : own.virtualIps()) {
          if (vip.lvs() == null && Addresses.isIpv4(vip.ip())) {
            handovers.add(new Handover(vip.ip(), peer, seconds));
          }
        }
      }
    }
    return List.copyOf(handovers);
  }

  /**
   * Why a peer gets no handover from the host: for each instance with IPv4 VIPs whose other host
   * has no IPv4 address to hand connections to.
   */
  static List<String> peersWithoutAddress(Cluster cluster, HostConfig host) {
    List<String> reasons = new ArrayList<>();
    if (host.haproxy().sendsClientIp()) {
      return reasons;
    }
    for (SharedInstance shared : cluster.instances()) {
      if (!shared.hosts().contains(host)
          || shared.member(host.name()).instance().virtualIps().stream()
              .noneMatch(vip -> vip.lvs() == null && Addresses.isIpv4(vip.ip()))) {
        continue;
      }
      for (SharedInstance.Member other : shared.members()) {
        if (!other.host().equals(host) && !Addresses.isIpv4(address(other))) {
          reasons.add(
              "VRRP instance "
                  + shared.name()
                  + ": a connection open on "
                  + other.name()
                  + " when the VIPs move is reset, not handed to it: its address "
                  + address(other)
                  + " is no IPv4 address; give it one in the inventory, or set its"
                  + " unicast_src_ip");
        }
      }
    }
    return reasons;
  }

  /** The member's address on the instance's network, as far as the project says. */
  private static String address(SharedInstance.Member member) {
    return member.instance().unicastSrcIp().isEmpty()
        ? member.host().host().address()
        : member.instance().unicastSrcIp();
  }
}
