package dev.lbops.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.ListMerge;
import dev.lbops.core.LbLog;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lb:explain shows free lines like any value, and the default of a key no file sets. */
class ExplainTest {

  @TempDir Path dir;

  private static String explain(ClusterSpec spec, ClusterFixture fixture, String key) {
    return new ClusterOperations(spec, fixture.credentials(), LbLog.NONE, new HashSet<>())
        .explain(key);
  }

  @Test
  void freeLines_areShownWithTheFileAndLineOfEach_alsoWhenAHostFileMergesByName() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                ClusterFixture.PAIR_DEFAULT.replace(
                    "    default_backend: pool\n",
                    "    default_backend: pool\n    lines: [option forwardfor]\n"))
            .file(
                "lb1.yml",
                ClusterFixture.instance("MASTER", 150, "")
                    + "frontends:\n  - name: web\n    lines: [option http-server-close]\n");
    ClusterSpec spec = fixture.spec();
    ClusterSpec byName =
        new ClusterSpec(
            spec.declaredHosts(),
            spec.inventoryFile(),
            spec.group(),
            spec.cmdbDirectory(),
            spec.lookupPath(),
            spec.mergeStrategy(),
            spec.environment(),
            ListMerge.BY_NAME);

    String shown = explain(byName, fixture, "frontends");

    assertThat(shown)
        .containsPattern("lb1 \\(files in .*, in lookup order: lb1.yml, default.yml\\)")
        .containsPattern("(?m)^    - name: web +# .*default.yml:2:11$")
        .containsPattern("(?m)^      bind: 198.18.0.100:80 +# .*default.yml:3:11$")
        .containsPattern("(?m)^      lines:\\s+# .*lb1.yml:\\d+:12$")
        .containsPattern("(?m)^        - option http-server-close +# .*lb1.yml:\\d+:13$");
  }

  @Test
  void aKeyNoFileSets_showsTheDocumentedDefault() {
    ClusterFixture fixture = ClusterFixture.healthyPair(dir);

    assertThat(explain(fixture.spec(), fixture, "haproxy_global"))
        .contains(
            "haproxy_global is not set in any file: the default applies: {daemon: true, log:"
                + " [/dev/log local0], stats_timeout: 30s}");
    assertThat(explain(fixture.spec(), fixture, "HAProxy::maxconn"))
        .contains("HAProxy::maxconn is not set in any file: the default applies: 4096");
    assertThat(explain(fixture.spec(), fixture, "failback"))
        .contains(
            "failback is not set in any file: the default applies: delayed (never in client-IP");
    assertThat(explain(fixture.spec(), fixture, "failover"))
        .contains("failover is not set in any file: the default applies: standard: advert_int");
  }
}
