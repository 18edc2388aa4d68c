package dev.lbops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.binding.LoadedCluster;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.validate.ClusterValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sections of production configs — TLS, peers, resolvers, user vrrp_scripts, tracked
 * interfaces, excluded addresses, routes, VMAC, VRRP versions, IPv6 unicast — rendered for a pair
 * and compared with golden files (run with -Dlb.golden.update=true after an intended change).
 */
class ProductionRenderTest {

  static final Path PRODUCTION = Path.of("src/test/resources/render/production");
  static final Path GOLDEN = Path.of("src/test/resources/render/golden-production");

  static final CredentialSource CREDENTIALS =
      id -> Optional.of(new ServerCredentials(id, "", null, "/home/ci/keys/" + id + ".key", null));

  static Host host(String name, String address) {
    return new Host(
        name, address, 22, "", "", "", List.of(), Map.of(), null, "", false, Location.UNKNOWN);
  }

  static Cluster productionCluster() {
    ClusterSpec spec =
        new ClusterSpec(
            List.of(host("lb1", "198.18.0.11"), host("lb2", "198.18.0.12")),
            null,
            "lb",
            PRODUCTION.resolve("cmdb"),
            Cmdb.REX_LOOKUP_PATH,
            MergeStrategy.FIRST_WINS,
            "default");
    LoadedCluster loaded = new ClusterLoader(CREDENTIALS).load(spec);
    assertThat(loaded.problems()).isEmpty();
    List<Problem> problems = new ClusterValidator().validate(loaded.cluster());
    assertThat(problems).isEmpty();
    return loaded.cluster();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"lb1, KEEPALIVED", "lb1, HAPROXY", "lb2, KEEPALIVED", "lb2, HAPROXY"})
  void render_theProductionSections_matchTheGoldenFile(String host, ConfigKind kind)
      throws IOException {
    RenderedFile file =
        new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
            .render(productionCluster(), "dev.lbops:test:1").stream()
                .filter(f -> f.host().equals(host) && f.kind() == kind)
                .findFirst()
                .orElseThrow();
    Path golden =
        GOLDEN
            .resolve(host)
            .resolve(kind.hostPath().substring(kind.hostPath().lastIndexOf('/') + 1));
    if (Boolean.getBoolean("lb.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, file.body());
    }
    assertThat(file.body()).isEqualTo(Files.readString(golden));
  }

  @Test
  void theProductionSections_passTheRealTools_withStandInsForTheFilesTheyName(@TempDir Path out) {
    Cluster cluster = productionCluster();
    List<RenderedFile> files =
        new ClusterRenderer(TemplateSource.BUNDLED_ONLY).render(cluster, "dev.lbops:test:1");
    List<Path> written = new ClusterRenderer(TemplateSource.BUNDLED_ONLY).write(files, out);
    CheckedCopies copies = new CheckedCopies(out);
    ConfigChecker checker = new ConfigChecker(LbLog.NONE);

    for (int i = 0; i < files.size(); i++) {
      RenderedFile file = files.get(i);
      CheckedCopies.Copy copy = copies.write(file, List.of());
      assertThat(copy.standingIn()).as("nothing of it is on this machine").isNotEmpty();
      assertThat(checker.check(cluster.host(file.host()), file.kind(), written.get(i), copy.path()))
          .as(file.host() + " " + file.kind())
          .isEmpty();
    }
  }
}
