package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Cluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandoverTest {

  @TempDir Path directory;

  @Test
  void eachHost_handsItsVipsToTheOther_atItsInventoryAddress_forThreeAdverts() {
    Cluster cluster = ClusterFixture.healthyPair(directory).load().cluster();

    assertThat(Handover.of(cluster, cluster.host("lb1")))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.12", 3));
    assertThat(Handover.of(cluster, cluster.host("lb2")))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.11", 3));
    assertThat(Handover.peersWithoutAddress(cluster, cluster.host("lb1"))).isEmpty();
  }

  @Test
  void thePeersUnicastSource_isItsAddress_andFastAdvertsStillGiveASecond() {
    Cluster cluster =
        ClusterFixture.healthyPair(directory)
            .file(
                "lb2.yml",
                ClusterFixture.instanceOverriding("BACKUP", 100, "advert_int: 0.2")
                    + "    unicast_src_ip: 198.18.2.12\n    unicast_peer: [198.18.2.11]\n")
            .load()
            .cluster();

    assertThat(Handover.of(cluster, cluster.host("lb1")))
        .containsExactly(new Handover("198.18.0.100", "198.18.2.12", 3));
    assertThat(Handover.of(cluster, cluster.host("lb2")))
        .containsExactly(new Handover("198.18.0.100", "198.18.0.11", 1));
  }

  @Test
  void aPeerKnownOnlyByName_getsNoHandover_andTheDeploySaysHowToGiveItOne() {
    Cluster cluster =
        ClusterFixture.healthyPair(directory).host("lb2", "lb2.example.net").load().cluster();

    assertThat(Handover.of(cluster, cluster.host("lb1"))).isEmpty();
    assertThat(Handover.peersWithoutAddress(cluster, cluster.host("lb1")))
        .containsExactly(
            "VRRP instance vi_web: a connection open on lb2 when the VIPs move is reset, not"
                + " handed to it: its address lb2.example.net is no IPv4 address; give it one in"
                + " the inventory, or set its unicast_src_ip");
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

    assertThat(Handover.of(cluster, cluster.host("lb1"))).isEmpty();
    assertThat(Handover.peersWithoutAddress(cluster, cluster.host("lb1"))).isEmpty();
  }
}
