package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.render.ClusterRenderer;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.TemplateSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** lb:diff during a password rotation shows neither the old secrets nor the new ones. */
class DryRunTest {

  private static Cluster cluster(String stats, String vrrp) {
    CredentialSource credentials =
        id ->
            Optional.of(
                switch (id) {
                  case "lb-stats" -> new ServerCredentials(id, "ops", Secret.of(stats), "", null);
                  case "lb-ops" ->
                      new ServerCredentials(id, "alice", Secret.of("$6$salt$Hash"), "", null);
                  default -> new ServerCredentials(id, "", Secret.of(vrrp), "", null);
                });
    Host lb1 =
        new Host(
            "lb1",
            "198.18.0.11",
            22,
            "",
            "",
            "",
            List.of(),
            Map.of(),
            null,
            "",
            false,
            Location.UNKNOWN);
    Host lb2 =
        new Host(
            "lb2",
            "198.18.0.12",
            22,
            "",
            "",
            "",
            List.of(),
            Map.of(),
            null,
            "",
            false,
            Location.UNKNOWN);
    return new ClusterLoader(credentials)
        .load(
            new ClusterSpec(
                List.of(lb1, lb2),
                null,
                "lb",
                Path.of("src/test/resources/render/rich/cmdb"),
                Cmdb.REX_LOOKUP_PATH,
                MergeStrategy.FIRST_WINS,
                "default"))
        .cluster();
  }

  private static RenderedFile file(Cluster cluster, ConfigKind kind) {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
        .render(cluster, "p").stream()
            .filter(f -> f.host().equals("lb1") && f.kind() == kind)
            .findFirst()
            .orElseThrow();
  }

  @Test
  void aRotation_showsChangedMaskedLines_withNeitherTheOldNorTheNewSecrets() {
    Cluster before = cluster("0ld-St4ts", "0ldVrrp1");
    Cluster after = cluster("N3w-St4ts", "N3wVrrp1");

    String haproxyDiff =
        DryRun.unifiedDiff(
            after.host("lb1"),
            file(after, ConfigKind.HAPROXY),
            file(before, ConfigKind.HAPROXY).content(),
            false);
    String keepalivedDiff =
        DryRun.unifiedDiff(
            after.host("lb1"),
            file(after, ConfigKind.KEEPALIVED),
            file(before, ConfigKind.KEEPALIVED).content(),
            false);

    assertThat(haproxyDiff)
        .contains("--- lb1:/etc/haproxy/haproxy.cfg\n")
        .contains("-  stats auth ops:******\n+  stats auth ops:******\n")
        .doesNotContain("0ld-St4ts", "N3w-St4ts", "$6$salt$Hash");
    assertThat(keepalivedDiff)
        .contains("-    auth_pass ******\n+    auth_pass ******\n")
        .doesNotContain("0ldVrrp1", "N3wVrrp1");
  }
}
