package dev.lbops.render;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.LbLog;
import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line the plugin writes by default is a documented default that a key written empty leaves
 * out; what is left still passes the real tools.
 */
class DefaultLinesTest {

  @TempDir Path dir;
  @TempDir Path out;

  private static String body(Cluster cluster, String host, ConfigKind kind) {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
        .render(cluster, "p").stream()
            .filter(file -> file.host().equals(host) && file.kind() == kind)
            .findFirst()
            .orElseThrow()
            .body();
  }

  @Test
  void everyDefaultLineOfHaproxy_isLeftOutWhenItsKeyIsWrittenEmpty() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT
                    + """
                    maxconn: ~
                    haproxy_user: ~
                    haproxy_group: ''
                    haproxy_global: {daemon: false, log: []}
                    haproxy_defaults: {log: ~}
                    timeouts: ~
                    runtime_api: ~
                    """);
    assertThat(fixture.problems()).isEmpty();

    String haproxy = body(fixture.cluster(), "lb1", ConfigKind.HAPROXY);

    assertThat(haproxy)
        .startsWith("global\n\nfrontend web\n")
        .doesNotContain("maxconn", "user", "group", "daemon", "log", "stats", "timeout")
        .doesNotContain("defaults");
    assertPassesTheTools(fixture);
  }

  @Test
  void theDefaultLinesOfKeepalived_areLeftOutWhenTheirKeysAreWrittenEmpty() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT
                    + "keepalived_global_defs: {script_user: ~, enable_script_security: false}\n"
                    + "failback: immediate\n")
            .file(
                "lb1.yml",
                ClusterFixture.instanceOverriding("MASTER", 150, "advert_int: ~")
                    + "    track_haproxy: false\n")
            .file(
                "lb2.yml",
                ClusterFixture.instanceOverriding("BACKUP", 100, "advert_int: ~")
                    + "    track_haproxy: false\n");
    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.warnings()).allSatisfy(w -> assertThat(w).contains("failback: immediate"));

    String keepalived = body(fixture.cluster(), "lb1", ConfigKind.KEEPALIVED);

    assertThat(keepalived)
        .isEqualTo(
            """
            global_defs {
            }

            vrrp_instance vi_web {
              # failback immediate
              state MASTER
              interface eth0
              virtual_router_id 51
              priority 150
              virtual_ipaddress {
                198.18.0.100/24
              }
            }
            """);
    assertPassesTheTools(fixture);
  }

  @Test
  void aStateLeftOut_staysLeftOut_withAFailBackThatStartsEveryHostAsBackup() {
    String noState =
        """
        vrrp_instances:
          - name: vi_web
            interface: eth0
            router_id: 51
            priority: %d
            nopreempt: true
            virtual_ips: [{ip: 198.18.0.100, cidr: 24}]
        """;
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("lb1.yml", noState.formatted(150))
            .file("lb2.yml", noState.formatted(100));
    assertThat(fixture.problems()).isEmpty();

    String keepalived = body(fixture.cluster(), "lb1", ConfigKind.KEEPALIVED);

    assertThat(keepalived)
        .contains("  # failback never\n  interface eth0\n")
        .contains("  priority 150\n")
        .contains("  nopreempt\n")
        .doesNotContain("state");
    assertPassesTheTools(fixture);
  }

  @Test
  void aVipListedTwiceForTwoLvsPorts_isWrittenOnceIntoVirtualIpaddress() {
    String twoPorts =
        "virtual_ips: [{ip: 198.18.0.100, cidr: 24, port: 80, real_server: [{ip: 198.18.1.11}]},"
            + " {ip: 198.18.0.100, cidr: 24, port: 443, real_server: [{ip: 198.18.1.11}]}]";
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("lb1.yml", ClusterFixture.instanceOverriding("MASTER", 150, twoPorts))
            .file("lb2.yml", ClusterFixture.instanceOverriding("BACKUP", 100, twoPorts));
    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.warnings()).allSatisfy(w -> assertThat(w).contains("failback: immediate"));

    String keepalived = body(fixture.cluster(), "lb1", ConfigKind.KEEPALIVED);

    assertThat(keepalived)
        .containsOnlyOnce("198.18.0.100/24")
        .contains("virtual_server 198.18.0.100 80 {", "virtual_server 198.18.0.100 443 {");
    assertPassesTheTools(fixture);
  }

  @Test
  void aSecondStatsBind_isWritten_andAPageWithoutCredentialsHasNoAuthLine() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT
                    + "stats: {enabled: true, bind: ['127.0.0.1:8404', '[::1]:8404'], uri: /s}\n");

    String haproxy = body(fixture.cluster(), "lb1", ConfigKind.HAPROXY);

    assertThat(haproxy)
        .endsWith(
            """
            frontend stats
              bind 127.0.0.1:8404
              bind [::1]:8404
              mode http
              stats enable
              stats uri /s
            """);
  }

  @Test
  void aStatsPageAttachedToAListenSection_isWrittenIntoIt_beforeItsServers() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT
                    + """
                    listen:
                      - name: admin
                        bind: '127.0.0.1:9000'
                        mode: http
                        server: [{name: local, dst: '127.0.0.1:9001'}]
                    stats: {enabled: true, attach_to: admin, uri: /, prometheus: /metrics, flags: []}
                    """);
    assertThat(fixture.problems()).isEmpty();

    String haproxy = body(fixture.cluster(), "lb1", ConfigKind.HAPROXY);

    assertThat(haproxy)
        .endsWith(
            """
            listen admin
              bind 127.0.0.1:9000
              mode http
              stats uri /
              http-request use-service prometheus-exporter if { path /metrics }
              server local 127.0.0.1:9001
            """)
        .doesNotContain("frontend stats");
    assertPassesTheTools(fixture);
  }

  private void assertPassesTheTools(ClusterFixture fixture) {
    Cluster cluster = fixture.cluster();
    ClusterRenderer renderer = new ClusterRenderer(TemplateSource.BUNDLED_ONLY);
    List<RenderedFile> files = renderer.render(cluster, "p");
    renderer.write(files, out);
    ConfigChecker checker = new ConfigChecker(LbLog.NONE);
    for (RenderedFile file : files) {
      assertThat(checker.check(cluster.host(file.host()), file.kind(), file.localPath(out)))
          .as("%s %s", file.host(), file.kind())
          .filteredOn(Problem::isError)
          .isEmpty();
    }
  }
}
