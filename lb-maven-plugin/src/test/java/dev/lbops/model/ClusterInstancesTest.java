package dev.lbops.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hosts a deploy may activate side by side: those that share no VRRP instance. */
class ClusterInstancesTest {

  @TempDir Path directory;

  private static String instance(
      String name, int routerId, String state, int priority, String vip) {
    return ClusterFixture.instanceOverriding(state, priority, "name: " + name)
        .replace("router_id: 51", "router_id: " + routerId)
        .replace("198.18.0.100", vip);
  }

  private static List<List<String>> names(List<List<HostConfig>> groups) {
    return groups.stream().map(group -> group.stream().map(HostConfig::name).toList()).toList();
  }

  @Test
  void twoPairs_areTwoGroups_eachInPairOrder_butAHostInBothJoinsThem() {
    ClusterFixture fixture =
        new ClusterFixture(directory)
            .host("lb3", "198.18.0.13")
            .host("lb4", "198.18.0.14")
            .file("default.yml", ClusterFixture.PAIR_DEFAULT)
            .file("lb1.yml", instance("vi_a", 51, "MASTER", 150, "198.18.0.100"))
            .file("lb2.yml", instance("vi_a", 51, "BACKUP", 100, "198.18.0.100"))
            .file("lb3.yml", instance("vi_b", 52, "MASTER", 150, "198.18.0.101"))
            .file("lb4.yml", instance("vi_b", 52, "BACKUP", 100, "198.18.0.101"));
    Cluster cluster = fixture.cluster();
    List<HostConfig> backupsFirst =
        List.of(cluster.host("lb2"), cluster.host("lb4"), cluster.host("lb1"), cluster.host("lb3"));

    assertThat(names(Cluster.independentGroups(backupsFirst)))
        .containsExactly(List.of("lb2", "lb1"), List.of("lb4", "lb3"));

    fixture.file(
        "lb4.yml",
        instance("vi_b", 52, "BACKUP", 100, "198.18.0.101")
            + instance("vi_a", 51, "BACKUP", 90, "198.18.0.100").replace("vrrp_instances:\n", ""));
    cluster = fixture.cluster();
    backupsFirst =
        List.of(cluster.host("lb2"), cluster.host("lb4"), cluster.host("lb1"), cluster.host("lb3"));

    assertThat(names(Cluster.independentGroups(backupsFirst)))
        .as("lb4 is in both instances: one group, one host at a time")
        .containsExactly(List.of("lb2", "lb4", "lb1", "lb3"));
  }
}
