package dev.lbops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.core.LbLog;
import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real haproxy and keepalived: the build's prerequisites install them (README, .ci/run).
 */
class ConfigCheckerTest {

  private static final ConfigChecker CHECKER = new ConfigChecker(LbLog.NONE);

  @TempDir Path out;

  @BeforeAll
  static void theToolsAreInstalled() {
    assertThat(CHECKER.tool(ConfigKind.HAPROXY))
        .as("haproxy is installed (apt-get install haproxy)")
        .isPresent();
    assertThat(CHECKER.tool(ConfigKind.KEEPALIVED))
        .as("keepalived is installed (apt-get install keepalived)")
        .isPresent();
  }

  @Test
  void check_everyRenderedFileOfTheRichCluster_passesBothTools() {
    Cluster cluster = ClusterRendererTest.richCluster();
    List<RenderedFile> files = ClusterRendererTest.renderRich();
    new ClusterRenderer(TemplateSource.BUNDLED_ONLY).write(files, out);

    for (RenderedFile file : files) {
      HostConfig host = cluster.host(file.host());
      assertThat(CHECKER.check(host, file.kind(), file.localPath(out)))
          .as("%s %s", file.host(), file.kind())
          .filteredOn(Problem::isError)
          .isEmpty();
    }
  }

  @Test
  void check_aKeepalivedFileTheToolRefuses_isAnErrorAtItsLine() throws IOException {
    HostConfig lb1 = ClusterRendererTest.richCluster().hosts().get(0);
    Path file = out.resolve("keepalived.conf");
    Files.writeString(
        file,
        "global_defs {\n  router_id x\n}\nvrrp_instance a {\n  state MASTER\n  interface eth0\n  virtual_router_id 1\n  priorityy 100\n}\n");

    List<Problem> problems = CHECKER.check(lb1, ConfigKind.KEEPALIVED, file);

    assertThat(problems)
        .filteredOn(Problem::isError)
        .anySatisfy(
            problem -> {
              assertThat(problem.location().line()).isEqualTo(8);
              assertThat(problem.host()).isEqualTo("lb1");
              assertThat(problem.message())
                  .contains("Unknown keyword 'priorityy'")
                  .contains("in line 'priorityy 100'");
            });
  }

  @Test
  void check_anErrorOnALineHoldingASecret_quotesTheLineWithTheSecretRedacted() throws IOException {
    HostConfig lb1 = ClusterRendererTest.richCluster().hosts().get(0);
    Path file = out.resolve("haproxy.cfg");
    Files.writeString(
        file,
        "global\n  maxconn 10\n\nfrontend stats\n  bind 127.0.0.1:8404\n  mode http\n  stats authx ops:St4tsPw\n");

    List<Problem> problems = CHECKER.check(lb1, ConfigKind.HAPROXY, file);

    assertThat(problems)
        .filteredOn(Problem::isError)
        .isNotEmpty()
        .allSatisfy(
            problem -> {
              assertThat(problem.format()).doesNotContain("St4tsPw");
              assertThat(problem.location().line()).isEqualTo(7);
            });
    assertThat(problems.get(0).message()).contains("ops:******");
  }
}
