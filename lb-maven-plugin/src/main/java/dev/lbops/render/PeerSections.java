package dev.lbops.render;

import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Peers;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code peers} section of each host: the load balancers that share a VRRP instance with it
 * (directly or through others), each at its peer address, so that their stick tables hold the same
 * entries and a client stuck to a server keeps it after a failover. A host's own peer is its
 * inventory name ({@code localpeer}); every stick table its backends declare is attached.
 */
final class PeerSections {

  private static final Pattern STICK_TABLE = Pattern.compile("^\\s*stick-table\\s.*");
  private static final Pattern HAS_PEERS = Pattern.compile(".*\\speers\\s+\\S+.*");

  private PeerSections() {}

  /**
   * A {@code peers} section as the template writes it.
   *
   * @param local the host's own peer: its name, which {@code localpeer} declares
   */
  record PeersView(String name, String local, List<PeerView> members) {}

  /** A {@code peer <name> <address>:<port>} line. */
  record PeerView(String name, String destination) {}

  /**
   * The host's section, or {@code null} when it has none: peers are off, no backend declares a
   * stick table, or no other load balancer shares an instance with it.
   */
  static PeersView of(Cluster cluster, HostConfig host) {
    Peers own = host.haproxy().peers();
    if (!own.enabled() || !declaresStickTable(host)) {
      return null;
    }
    List<HostConfig> group =
        Cluster.independentGroups(cluster.hosts()).stream()
            .filter(hosts -> hosts.contains(host))
            .findFirst()
            .orElse(List.of(host));
    if (group.size() < 2) {
      return null;
    }
    return new PeersView(
        own.name(),
        host.name(),
        group.stream().map(member -> new PeerView(member.name(), destination(member))).toList());
  }

  private static String destination(HostConfig member) {
    Peers peers = member.haproxy().peers();
    String address = peers.address().isEmpty() ? member.host().address() : peers.address();
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + peers.port();
  }

  private static boolean declaresStickTable(HostConfig host) {
    return Stream.concat(
            host.haproxy().backends().stream(),
            host.haproxy().listens().stream().map(listen -> listen.proxy()))
        .flatMap(
            backend ->
                Stream.of(backend.httpLines(), backend.tcpLines(), backend.lines())
                    .flatMap(List::stream))
        .anyMatch(line -> STICK_TABLE.matcher(line.text()).matches());
  }

  /** {@code lines} with {@code peers <name>} added to each stick table that names no peers. */
  static List<String> attach(List<String> lines, PeersView peers) {
    if (peers == null) {
      return lines;
    }
    return lines.stream()
        .map(
            line ->
                STICK_TABLE.matcher(line).matches() && !HAS_PEERS.matcher(line).matches()
                    ? line.stripTrailing() + " peers " + peers.name()
                    : line)
        .toList();
  }
}
