package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Cluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandoverTest {

  private static final List<String> ETH0 = List.of("lo:127.0.0.1/8", "eth0:198.18.0.11/24");

  @TempDir Path directory;

  @Test
  void eachHost_handsItsVipsToTheOther_atItsInventoryAddress_forThreeAdvertsOfTheInstance() {
    Cluster cluster = ClusterFixture.healthyPair(directory).load().cluster();

    assertThat(Handover.of(cluster, cluster.host("lb1"), ETH0))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.12", 3, 51, "eth0"));
    assertThat(Handover.of(cluster, cluster.host("lb2"), ETH0))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.11", 3, 51, "eth0"));
    assertThat(Handover.withoutHandover(cluster, cluster.host("lb1"), ETH0)).isEmpty();
  }

  @Test
  void thePeersUnicastSource_isItsAddress_andFastAdvertsStillGiveASecond() {
    Cluster cluster =
        ClusterFixture.healthyPair(directory)
            .file(
                "lb2.yml",
                ClusterFixture.instanceOverriding("BACKUP", 100, "advert_int: 0.2")
                    + "    unicast_src_ip: 198.18.0.22\n    unicast_peer: [198.18.0.11]\n")
            .load()
            .cluster();

    assertThat(Handover.of(cluster, cluster.host("lb1"), ETH0))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.22", 3, 51, "eth0"));
    assertThat(Handover.of(cluster, cluster.host("lb2"), ETH0))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.11", 1, 51, "eth0"));
  }

  /**
   * Two instances, each with its master on another host, one VIP on an interface of its own and one
   * IPv6 VIP: each instance's router ID tells whose adverts count, the VIP's own interface is where
   * ARP is narrowed, and only IPv4 VIPs are handed on.
   */
  @Test
  void activeActiveInstances_eachCountOnlyTheirOwnAdverts_onTheVipsOwnInterface() {
    String second =
        """
          - name: vi_api
            state: %s
            interface: eth0
            router_id: 52
            priority: %d
            virtual_ips:
              - {ip: 198.18.0.101, cidr: 24, dev: eth1}
              - {ip: '2001:db8::101', cidr: 64}
        """;
    Cluster cluster =
        ClusterFixture.healthyPair(directory)
            .file(
                "lb1.yml",
                ClusterFixture.instance("MASTER", 150, "") + second.formatted("BACKUP", 100))
            .file(
                "lb2.yml",
                ClusterFixture.instance("BACKUP", 100, "") + second.formatted("MASTER", 150))
            .load()
            .cluster();

    assertThat(Handover.of(cluster, cluster.host("lb1"), ETH0))
        .containsExactly(
            new Handover("198.18.0.100", "198.18.0.12", 3, 51, "eth0"),
            new Handover("198.18.0.101", "198.18.0.12", 3, 52, "eth1"));
  }

  @Test
  void aPeerKnownOnlyByName_orOnAnotherNetwork_getsNoHandover_andTheDeploySaysHowToGiveItOne() {
    Cluster byName =
        ClusterFixture.healthyPair(directory).host("lb2", "lb2.example.net").load().cluster();
    Cluster elsewhere =
        ClusterFixture.healthyPair(directory).host("lb2", "198.18.7.12").load().cluster();

    assertNoHandoverFromLb1(
        byName,
        "VRRP instance vi_web: a connection open on lb2 when the VIPs move is reset, not"
            + " handed to it: its address lb2.example.net is no IPv4 address; give it one in"
            + " the inventory, or set its unicast_src_ip");
    assertNoHandoverFromLb1(
        elsewhere,
        "VRRP instance vi_web: a connection open on lb2 when the VIPs move is reset, not"
            + " handed to it: its address 198.18.7.12 is on no network of eth0; give its"
            + " address on that network as its unicast_src_ip");
  }

  @Test
  void theClientIpMode_handsNothingOn() {
    Cluster cluster =
        ClusterFixture.healthyPair(directory)
            .file(
                "default.yml",
                ClusterFixture.PAIR_DEFAULT.replace(
                    "balance: roundrobin", "balance: roundrobin\n    send_client_ip: 1"))
            .load()
            .cluster();

    assertNoHandoverFromLb1(cluster);
  }

  /** lb1 hands nothing to its peer, and the deploy warns with exactly {@code warnings}. */
  private static void assertNoHandoverFromLb1(Cluster cluster, String... warnings) {
    assertThat(Handover.of(cluster, cluster.host("lb1"), ETH0)).isEmpty();
    assertThat(Handover.withoutHandover(cluster, cluster.host("lb1"), ETH0))
        .containsExactly(warnings);
  }
}
