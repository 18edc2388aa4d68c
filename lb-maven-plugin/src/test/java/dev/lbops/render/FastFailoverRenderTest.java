package dev.lbops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.binding.LoadedCluster;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.model.Cluster;
import dev.lbops.validate.ClusterValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pair with {@code failover: fast} for all of its instances (unicast, priorities 254/253, no
 * advert_int of its own) rendered and compared with golden files (run with -Dlb.golden.update=true
 * after an intended change), and checked by the real Keepalived.
 */
class FastFailoverRenderTest {

  static final Path FAST = Path.of("src/test/resources/render/fast");
  static final Path GOLDEN = Path.of("src/test/resources/render/golden-fast");

  static Cluster fastCluster() {
    ClusterSpec spec =
        new ClusterSpec(
            List.of(
                ProductionRenderTest.host("lb1", "198.18.0.11"),
                ProductionRenderTest.host("lb2", "198.18.0.12")),
            null,
            "lb",
            FAST.resolve("cmdb"),
            Cmdb.REX_LOOKUP_PATH,
            MergeStrategy.FIRST_WINS,
            "default");
    LoadedCluster loaded = new ClusterLoader(id -> Optional.empty()).load(spec);
    assertThat(loaded.problems()).isEmpty();
    assertThat(new ClusterValidator().validate(loaded.cluster())).isEmpty();
    return loaded.cluster();
  }

  private static List<RenderedFile> keepalivedFiles() {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
        .render(fastCluster(), "dev.lbops:test:1").stream()
            .filter(f -> f.kind() == ConfigKind.KEEPALIVED)
            .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lb1", "lb2"})
  void failoverFast_matchesTheGoldenFile(String host) throws IOException {
    RenderedFile file =
        keepalivedFiles().stream().filter(f -> f.host().equals(host)).findFirst().orElseThrow();
    Path golden = GOLDEN.resolve(host).resolve("keepalived.conf");
    if (Boolean.getBoolean("lb.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, file.body());
    }
    assertThat(file.body()).isEqualTo(Files.readString(golden));
  }

  @Test
  void failoverFast_writesVrrp3AdvertsEvery30ms_andASecondGarpRoundAfter1s() {
    String backup =
        keepalivedFiles().stream()
            .filter(f -> f.host().equals("lb2"))
            .findFirst()
            .orElseThrow()
            .body();

    assertThat(backup)
        .contains(
            "  # failover fast: this host takes the VIPs over 90 ms after the master's\n",
            "  advert_int 0.03\n  version 3\n",
            "  garp_master_delay 1\n")
        .doesNotContain("authentication");
  }

  @Test
  void failoverFast_passesTheRealKeepalived(@TempDir Path out) {
    Cluster cluster = fastCluster();
    List<RenderedFile> files = keepalivedFiles();
    List<Path> written = new ClusterRenderer(TemplateSource.BUNDLED_ONLY).write(files, out);
    CheckedCopies copies = new CheckedCopies(out);
    ConfigChecker checker = new ConfigChecker(LbLog.NONE);

    for (int i = 0; i < files.size(); i++) {
      RenderedFile file = files.get(i);
      CheckedCopies.Copy copy = copies.write(file, List.of());
      assertThat(checker.check(cluster.host(file.host()), file.kind(), written.get(i), copy.path()))
          .as(file.host())
          .isEmpty();
    }
  }
}
