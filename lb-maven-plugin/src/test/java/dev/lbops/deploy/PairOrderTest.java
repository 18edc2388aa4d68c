package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.ssh.HostKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairOrderTest {

  @TempDir Path dir;

  private List<String> activation(String lb1Keepalived, String lb2Keepalived) {
    return activation(ClusterFixture.healthyPair(dir).cluster(), lb1Keepalived, lb2Keepalived);
  }

  private static List<String> activation(
      Cluster cluster, String lb1Keepalived, String lb2Keepalived) {
    List<HostConfig> targets =
        PairOrder.targets(
            cluster,
            new DeployOptions(
                false,
                Set.of(),
                0,
                true,
                HostKeys.strict(Path.of("no-known-hosts")),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                false));
    Map<String, HostFacts> facts =
        Map.of(
            "lb1", HostFacts.parse("init=direct\nstatus:KEEPALIVED=" + lb1Keepalived + "\n"),
            "lb2", HostFacts.parse("init=direct\nstatus:KEEPALIVED=" + lb2Keepalived + "\n"));
    return PairOrder.activation(cluster, targets, facts::get).stream()
        .map(HostConfig::name)
        .toList();
  }

  @Test
  void aServingPair_changesItsBackupFirst_soThatAFailedChangeNeverCostsTheVip() {
    assertThat(activation("running 10", "running 11")).containsExactly("lb2", "lb1");
    assertThat(activation("stopped", "running 11")).containsExactly("lb2", "lb1");
  }

  @Test
  void aPairWhereKeepalivedRunsNowhere_startsItsMasterFirst_soThatTheMasterHoldsTheVip() {
    assertThat(activation("stopped", "stopped")).containsExactly("lb1", "lb2");
  }

  @Test
  void theMasterIsTheHostOfHighestPriority_whenNoneIsDeclaredMaster() {
    Cluster electing =
        ClusterFixture.healthyPair(dir)
            .file("lb1.yml", ClusterFixture.instance("BACKUP", 100, ""))
            .file("lb2.yml", ClusterFixture.instance("BACKUP", 150, ""))
            .cluster();

    assertThat(PairOrder.masters(electing)).containsExactly("lb2");
    assertThat(activation(electing, "running 1", "running 2")).containsExactly("lb1", "lb2");
    assertThat(activation(electing, "stopped", "stopped")).containsExactly("lb2", "lb1");
  }
}
