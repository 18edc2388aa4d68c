package dev.lbops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.binding.LoadedCluster;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.ListMerge;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.validate.ClusterValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every key of issue 17 on one pair ({@code render/full}): it validates, renders the golden files,
 * and both real tools accept what it renders.
 */
class FullClusterTest {

  static final Path FULL = Path.of("src/test/resources/render/full");
  static final Path GOLDEN = Path.of("src/test/resources/render/golden-full");

  @TempDir Path out;

  static LoadedCluster load() {
    List<Host> hosts = List.of(host("lb1", "198.18.0.11"), host("lb2", "198.18.0.12"));
    return new ClusterLoader(ClusterRendererTest.RICH_CREDENTIALS)
        .load(
            new ClusterSpec(
                hosts,
                null,
                "lb",
                FULL.resolve("cmdb"),
                Cmdb.REX_LOOKUP_PATH,
                MergeStrategy.FIRST_WINS,
                "default",
                ListMerge.BY_NAME));
  }

  private static Host host(String name, String address) {
    return new Host(
        name, address, 22, "", "", "", List.of(), Map.of(), null, "", false, Location.UNKNOWN);
  }

  static List<RenderedFile> render() {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY).render(load().cluster(), "p");
  }

  @Test
  void theFullCluster_validatesWithoutAProblem() {
    LoadedCluster loaded = load();
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(new ClusterValidator().validate(loaded.cluster(), loaded.problems()));

    assertThat(problems).extracting(Problem::format).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"lb1, KEEPALIVED", "lb1, HAPROXY", "lb2, KEEPALIVED", "lb2, HAPROXY"})
  void render_theFullCluster_matchesTheGoldenFile(String host, ConfigKind kind) throws IOException {
    RenderedFile file =
        render().stream()
            .filter(f -> f.host().equals(host) && f.kind() == kind)
            .findFirst()
            .orElseThrow();
    Path golden =
        GOLDEN
            .resolve(host)
            .resolve(kind.hostPath().substring(kind.hostPath().lastIndexOf('/') + 1));
    if (ClusterRendererTest.UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, file.body());
    }
    assertThat(file.body()).isEqualTo(Files.readString(golden));
  }

  @Test
  void everyFileOfTheFullCluster_passesBothTools() {
    Cluster cluster = load().cluster();
    List<RenderedFile> files = render();
    new ClusterRenderer(TemplateSource.BUNDLED_ONLY).write(files, out);
    ConfigChecker checker = new ConfigChecker(LbLog.NONE);

    for (RenderedFile file : files) {
      if (file.kind() == ConfigKind.KEEPALIVED) {
        assertThat(checker.check(cluster.host(file.host()), file.kind(), file.localPath(out)))
            .as("%s %s", file.host(), file.kind())
            .filteredOn(Problem::isError)
            .isEmpty();
      } else {
        FilesInPlace.Result result =
            FilesInPlace.haproxyCheck(
                file.localPath(out),
                Map.of(
                    "/etc/ssl/private/site.pem", FilesInPlace.certificate(),
                    "/etc/haproxy/errors/503.http", FilesInPlace.errorFile("503"),
                    // saved before every reload; HAProxy warns until the first one made it
                    "/var/lib/haproxy/server-state",
                        "1\n# be_id be_name srv_id srv_name\n".getBytes()));
        assertThat(result.exit()).as("%s haproxy -c: %s", file.host(), result.output()).isZero();
        assertThat(result.output())
            .as("%s haproxy -c warns", file.host())
            .doesNotContain("WARNING");
      }
    }
  }
}
