package dev.lbops.render;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Cluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HAProxy keeps its servers' states over a reload where the plugin can save them. */
class ServerStateRenderTest {

  @TempDir Path dir;

  private static String haproxy(Cluster cluster) {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
        .render(cluster, "p").stream()
            .filter(file -> file.host().equals("lb1") && file.kind() == ConfigKind.HAPROXY)
            .findFirst()
            .orElseThrow()
            .body();
  }

  @Test
  void withTheDefaultRuntimeSocket_theStateFileIsNamedAndLoaded() {
    String haproxy = haproxy(ClusterFixture.healthyPair(dir).load().cluster());

    assertThat(haproxy)
        .contains("\n  server-state-file /var/lib/haproxy/server-state\n")
        .contains("\n  load-server-state-from-file global\n");
  }

  @Test
  void withZeroWarning_orWithoutARuntimeSocket_thereIsNone() {
    String zeroWarning =
        haproxy(
            ClusterFixture.healthyPair(dir)
                .file("default.yml", PAIR_DEFAULT + "haproxy_global: {zero_warning: true}\n")
                .load()
                .cluster());
    String noSocket =
        haproxy(
            ClusterFixture.healthyPair(dir)
                .file("default.yml", PAIR_DEFAULT + "runtime_api: ~\n")
                .load()
                .cluster());

    assertThat(zeroWarning).contains("zero-warning").doesNotContain("server-state");
    assertThat(noSocket).doesNotContain("server-state");
  }
}
