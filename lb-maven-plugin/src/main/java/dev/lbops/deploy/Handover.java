package dev.lbops.deploy;

import dev.lbops.core.Addresses;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One way a host hands on the packets of a connection that is open on a peer, so that the VIPs move
 * between live hosts without losing a request under way ({@code handover.sh}): an IPv4 VIP of a
 * VRRP instance the host shares, one peer that shares it, and how recent that peer's last advert
 * for the instance must be. Not in the client-IP mode, where the servers' replies also come through
 * the VIP holder; not for an LVS VIP, which IPVS serves.
 *
 * @param vip the VIP
 * @param peer the peer's address on the instance's network: its {@code unicast_src_ip}, else its
 *     inventory address
 * @param seconds how long after its last advert for the instance the peer counts as its holder:
 *     three adverts, at least 1 s. A backup takes over from a lost master only after more than
 *     three, so (with adverts of a third of a second or longer) the connections of a lost master
 *     are reset as before rather than sent into the void.
 * @param routerId the instance's {@code virtual_router_id}, which its adverts carry
 * @param interfaceName where the VIP is added: the VIP's own {@code dev}, else the instance's
 */
record Handover(String vip, String peer, int seconds, int routerId, String interfaceName) {

  /**
   * What {@code host} hands on, to the peers on a network of the instance's interface ({@code
   * networks}: {@code interface:address/prefix}, as the host reports them).
   */
  static List<Handover> of(Cluster cluster, HostConfig host, Collection<String> networks) {
    List<Handover> handovers = new ArrayList<>();
    for (Candidate candidate : candidates(cluster, host)) {
      if (candidate.onNetworkOf(networks)) {
        handovers.addAll(candidate.handovers());
      }
    }
    return List.copyOf(handovers);
  }

  /** Why a peer gets no handover from {@code host}, one sentence per peer and instance. */
  static List<String> withoutHandover(
      Cluster cluster, HostConfig host, Collection<String> networks) {
    List<String> reasons = new ArrayList<>();
    for (Candidate candidate : candidates(cluster, host)) {
      String prefix =
          "VRRP instance "
              + candidate.own().name()
              + ": a connection open on "
              + candidate.peer().name()
              + " when the VIPs move is reset, not handed to it: ";
      if (!Addresses.isIpv4(candidate.address())) {
        reasons.add(
            prefix
                + "its address "
                + candidate.address()
                + " is no IPv4 address; give it one in the inventory, or set its unicast_src_ip");
      } else if (!candidate.onNetworkOf(networks)) {
        reasons.add(
            prefix
                + "its address "
                + candidate.address()
                + " is on no network of "
                + candidate.own().interfaceName()
                + "; give its address on that network as its unicast_src_ip");
      }
    }
    return reasons;
  }

  /** A peer of one of the host's instances with IPv4 VIPs that are not LVS's. */
  private record Candidate(VrrpInstance own, SharedInstance.Member peer) {

    String address() {
      return peer.instance().unicastSrcIp().isEmpty()
          ? peer.host().host().address()
          : peer.instance().unicastSrcIp();
    }

    List<VirtualIp> vips() {
      return own.virtualIps().stream()
          .filter(vip -> vip.lvs() == null && Addresses.isIpv4(vip.ip()))
          .toList();
    }

    boolean onNetworkOf(Collection<String> networks) {
      return Addresses.isIpv4(address())
          && networks.stream()
              .filter(network -> network.startsWith(own.interfaceName() + ":"))
              .map(network -> network.substring(network.indexOf(':') + 1))
              .anyMatch(network -> IpNetworks.contains(network, address()));
    }

    List<Handover> handovers() {
      int seconds = Math.max(1, own.advertInt().multiply(BigDecimal.valueOf(3)).intValue());
      return vips().stream()
          .map(
              vip ->
                  new Handover(
                      vip.ip(),
                      address(),
                      seconds,
                      own.routerId(),
                      vip.dev().isEmpty() ? own.interfaceName() : vip.dev()))
          .toList();
    }
  }

  private static List<Candidate> candidates(Cluster cluster, HostConfig host) {
    List<Candidate> candidates = new ArrayList<>();
    if (host.haproxy().sendsClientIp()) {
      return candidates;
    }
    for (SharedInstance shared : cluster.instances()) {
      if (!shared.hosts().contains(host)) {
        continue;
      }
      VrrpInstance own = shared.member(host.name()).instance();
      for (SharedInstance.Member other : shared.members()) {
        Candidate candidate = new Candidate(own, other);
        if (!other.host().equals(host) && !candidate.vips().isEmpty()) {
          candidates.add(candidate);
        }
      }
    }
    return candidates;
  }
}
