package dev.lbops.render;

import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How keepalived.conf says the way a returning master takes its VIPs back. */
class KeepalivedFailbackRenderTest {

  @TempDir Path dir;

  private static String keepalived(ClusterFixture fixture, String host) {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
        .render(fixture.cluster(), "p").stream()
            .filter(file -> file.host().equals(host) && file.kind() == ConfigKind.KEEPALIVED)
            .findFirst()
            .orElseThrow()
            .body();
  }

  @Test
  void byDefault_everyHostStartsAsBackup_andTheMasterWaitsForItsCheckAndADelay() {
    ClusterFixture pair = ClusterFixture.healthyPair(dir);

    String master = keepalived(pair, "lb1");
    assertThat(master)
        .contains(
            "  # failback delayed: state BACKUP, not the CMDB's MASTER",
            "  state BACKUP\n",
            "  priority 150\n",
            "  preempt_delay 5\n",
            "script \"/bin/sh -c 'kill -0 $(cat /run/haproxy.pid) && ss -Hltn sport = :80 | grep"
                + " -q LISTEN'\"",
            "  interval 1\n  fall 2\n  rise 3\n}")
        .doesNotContain("state MASTER", "  nopreempt\n");
    assertThat(keepalived(pair, "lb2"))
        .contains("  # failback delayed\n  state BACKUP\n", "  preempt_delay 5\n");
  }

  @Test
  void theDelay_followsTheCheck_andTheInstancesOwnDelayWins() {
    ClusterFixture pair =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                ClusterFixture.PAIR_DEFAULT + "haproxy_check: {interval: 2, rise: 4, fall: 3}\n");
    assertThat(keepalived(pair, "lb1"))
        .contains("  preempt_delay 14\n", "  interval 2\n  fall 3\n  rise 4\n");

    pair.file("lb1.yml", instance("MASTER", 150, "preempt_delay: 30"));
    assertThat(keepalived(pair, "lb1")).contains("  preempt_delay 30\n");
  }

  @Test
  void failbackNever_isNopreemptOnEveryHost() {
    ClusterFixture pair =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", ClusterFixture.PAIR_DEFAULT + "failback: never\n");

    for (String host : new String[] {"lb1", "lb2"}) {
      assertThat(keepalived(pair, host))
          .contains("  state BACKUP\n", "  nopreempt\n")
          .doesNotContain("  preempt_delay ");
    }
  }

  @Test
  void failbackImmediate_keepsTheCmdbsStates_withoutDelay() {
    ClusterFixture pair =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", ClusterFixture.PAIR_DEFAULT + "failback: immediate\n");

    assertThat(keepalived(pair, "lb1"))
        .contains("  # failback immediate\n  state MASTER\n")
        .doesNotContain("  preempt_delay ", "  nopreempt\n");
    assertThat(keepalived(pair, "lb2")).contains("  state BACKUP\n");
  }
}
