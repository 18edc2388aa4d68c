package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.LbLog;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostLock;
import dev.lbops.remote.HostLocks;
import dev.lbops.render.ClusterRenderer;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deploy refuses unless forced, judged from a host's facts before anything changes: a hand
 * edit since the last deploy, and a change that removes every VRRP instance or every proxy.
 */
class ChangeGuardTest {

  private static final String STATS =
      "stats:\n  enabled: true\n  bind: '198.18.0.100:8404'\n  server_id: lb-stats\n";

  @TempDir Path directory;

  private ClusterFixture fixture(String defaults) {
    return ClusterFixture.healthyPair(directory)
        .server("lb-stats", "ops", "St4tsPw")
        .file("default.yml", defaults);
  }

  private static List<RenderedFile> render(Cluster cluster) {
    return new ClusterRenderer(TemplateSource.BUNDLED_ONLY).render(cluster, "g:a:1");
  }

  private static RenderedFile file(List<RenderedFile> files, String host, ConfigKind kind) {
    return files.stream()
        .filter(file -> file.host().equals(host) && file.kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  /** The facts of a host whose configs are {@code contents}, and whose record is {@code record}. */
  private static HostFacts facts(Map<ConfigKind, String> contents, DeployedState record) {
    List<String> lines = new ArrayList<>(List.of("init=direct", "interfaces=eth0 lo"));
    lines.add("status:HAPROXY=running 42");
    lines.add("status:KEEPALIVED=running 43");
    contents.forEach(
        (kind, content) -> lines.add("content:" + kind.name() + "=" + base64(content)));
    if (record.recorded()) {
      lines.add("deployed=" + base64(record.json()));
    }
    return HostFacts.parse(String.join("\n", lines) + "\n");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What a deploy of {@code files} records on {@code host}. */
  private static DeployedState recordOf(List<RenderedFile> files, String host) {
    Map<ConfigKind, String> sums = new EnumMap<>(ConfigKind.class);
    files.stream()
        .filter(file -> file.host().equals(host))
        .forEach(file -> sums.put(file.kind(), file.bodySha256()));
    return DeployedState.of("0.1.0", "g:a:1", "2026-11-30T12:00:00Z", sums);
  }

  private static Map<ConfigKind, String> contents(List<RenderedFile> files, String host) {
    Map<ConfigKind, String> contents = new EnumMap<>(ConfigKind.class);
    files.stream()
        .filter(file -> file.host().equals(host))
        .forEach(file -> contents.put(file.kind(), file.content()));
    return contents;
  }

  @Nested
  @DisplayName("a config edited on the host since the last deploy")
  class HandEdits {

    private List<RenderedFile> deployed;
    private List<RenderedFile> next;
    private HostConfig lb1;

    /** Deployed with the stats page; the CMDB then raises maxconn. */
    private void deployedThenChanged() {
      deployed = render(fixture(ClusterFixture.PAIR_DEFAULT + STATS).cluster());
      Cluster changed = fixture(ClusterFixture.PAIR_DEFAULT + STATS + "maxconn: 4242\n").cluster();
      next = render(changed);
      lb1 = changed.host("lb1");
    }

    /** lb1's configs as deployed, haproxy.cfg then edited by hand (balance, stats password). */
    private Map<ConfigKind, String> handEdited() {
      Map<ConfigKind, String> contents = contents(deployed, "lb1");
      contents.put(
          ConfigKind.HAPROXY,
          contents
              .get(ConfigKind.HAPROXY)
              .replace("balance roundrobin", "balance leastconn")
              .replace("ops:St4tsPw", "ops:HandPw9"));
      return contents;
    }

    @Test
    void isRefused_withTheDiffOfTheHostsFileAgainstTheRenderedOne_labelled_andSecretsRedacted() {
      deployedThenChanged();

      ChangeGuard.Refusal refusal =
          ChangeGuard.check(lb1, next, facts(handEdited(), recordOf(deployed, "lb1")))
              .orElseThrow();

      assertThat(refusal.reasons())
          .singleElement()
          .asString()
          .startsWith("/etc/haproxy/haproxy.cfg was edited on the host since the last deploy")
          .contains("lb-maven-plugin 0.1.0 for g:a:1 at 2026-11-30T12:00:00Z")
          .contains("Take the edit into the CMDB", "-Dlb.force");
      assertThat(refusal.diffs())
          .singleElement()
          .asString()
          .contains(
              "--- lb1:/etc/haproxy/haproxy.cfg (edited on the host since the last deploy)",
              "+++ lb1:/etc/haproxy/haproxy.cfg (rendered)",
              "-  balance leastconn",
              "+  balance roundrobin",
              "-  stats auth ops:******\n",
              "+  stats auth ops:******\n",
              "+  maxconn 4242")
          .doesNotContain("St4tsPw", "HandPw9");
      assertThat(refusal.message()).startsWith("lb1: /etc/haproxy/haproxy.cfg was edited");
    }

    @Test
    void onAHostWithoutARecord_isNoHandEdit() {
      deployedThenChanged();

      assertThat(ChangeGuard.check(lb1, next, facts(handEdited(), DeployedState.NONE))).isEmpty();
    }

    @Test
    void thatTheRenderedConfigMatches_losesNothing_andIsNotRefused() {
      deployedThenChanged();
      Map<ConfigKind, String> asRendered = contents(next, "lb1");

      assertThat(ChangeGuard.check(lb1, next, facts(asRendered, recordOf(deployed, "lb1"))))
          .isEmpty();
    }

    @Test
    void aConfigRemovedFromTheHost_losesNothing_andIsNotRefused() {
      deployedThenChanged();
      Map<ConfigKind, String> contents = contents(deployed, "lb1");
      contents.remove(ConfigKind.HAPROXY);

      assertThat(ChangeGuard.check(lb1, next, facts(contents, recordOf(deployed, "lb1"))))
          .isEmpty();
    }

    @Test
    void anUneditedHost_isNotRefused() {
      deployedThenChanged();

      assertThat(
              ChangeGuard.check(
                  lb1, next, facts(contents(deployed, "lb1"), recordOf(deployed, "lb1"))))
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("a change that removes every VRRP instance or every proxy of a host")
  class Destructive {

    @Test
    void everyVrrpInstanceRemoved_isRefused_namingTheHostAndTheInstances() {
      List<RenderedFile> today = render(fixture(ClusterFixture.PAIR_DEFAULT).cluster());
      Cluster withoutInstances =
          fixture(ClusterFixture.PAIR_DEFAULT).file("lb1.yml", "maxconn: 100\n").cluster();

      Optional<ChangeGuard.Refusal> refusal =
          ChangeGuard.check(
              withoutInstances.host("lb1"),
              render(withoutInstances),
              facts(contents(today, "lb1"), DeployedState.NONE));

      assertThat(refusal.orElseThrow().message())
          .startsWith("lb1: the new /etc/keepalived/keepalived.conf has no VRRP instance")
          .contains("where the host has vi_web today", "-Dlb.force");
    }

    @Test
    void everyFrontendAndListenRemoved_isRefused_namingWhatWouldGo_theStatsPageLeftAside() {
      List<RenderedFile> today =
          render(
              fixture(
                      ClusterFixture.PAIR_DEFAULT
                          + STATS
                          + "listen:\n  - name: db\n    bind: '198.18.0.100:5432'\n"
                          + "    mode: tcp\n    server:\n      - name: db1\n"
                          + "        dst: 198.18.1.21:5432\n")
                  .cluster());
      Cluster backendsOnly =
          fixture(
                  ClusterFixture.PAIR_DEFAULT.substring(
                          ClusterFixture.PAIR_DEFAULT.indexOf("backends:"))
                      + STATS)
              .cluster();

      ChangeGuard.Refusal refusal =
          ChangeGuard.check(
                  backendsOnly.host("lb1"),
                  render(backendsOnly),
                  facts(contents(today, "lb1"), DeployedState.NONE))
              .orElseThrow();

      assertThat(refusal.message())
          .contains(
              "the new /etc/haproxy/haproxy.cfg has no frontend or listen section (besides the"
                  + " stats page)")
          .contains("where the host has web, db today");
    }

    @Test
    void removingSomeButNotAll_isAnOrdinaryChange() {
      List<RenderedFile> today =
          render(
              fixture(
                      ClusterFixture.PAIR_DEFAULT
                          + "listen:\n  - name: db\n    bind: '198.18.0.100:5432'\n"
                          + "    mode: tcp\n    server:\n      - name: db1\n"
                          + "        dst: 198.18.1.21:5432\n")
                  .cluster());
      Cluster webOnly = fixture(ClusterFixture.PAIR_DEFAULT).cluster();

      assertThat(
              ChangeGuard.check(
                  webOnly.host("lb1"),
                  render(webOnly),
                  facts(contents(today, "lb1"), DeployedState.NONE)))
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("the deploy")
  class TheDeploy {

    private final List<String> logged = new ArrayList<>();

    private final LbLog log =
        new LbLog() {
          @Override
          public void debug(String message) {}

          @Override
          public void info(String message) {}

          @Override
          public void warn(String message) {
            logged.add("WARN " + message);
          }

          @Override
          public void error(String message) {
            logged.add("ERROR " + message);
          }
        };

    private static DeployOptions options(boolean dryRun) {
      return new DeployOptions(
          dryRun,
          Set.of(),
          0,
          true,
          HostKeys.strict(Path.of("no-known-hosts")),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          false);
    }

    /**
     * Both hosts connected as read (no connection: a refusal must come before any is used): lb1
     * edited by hand since the deploy, lb2 as deployed.
     */
    private ConnectedHosts hosts(Cluster cluster, List<RenderedFile> deployed) {
      Map<ConfigKind, String> edited = contents(deployed, "lb1");
      edited.put(
          ConfigKind.HAPROXY,
          edited.get(ConfigKind.HAPROXY).replace("balance roundrobin", "balance leastconn"));
      Map<String, ConnectedHosts.Connected> connected = new LinkedHashMap<>();
      connected.put(
          "lb1",
          new ConnectedHosts.Connected(
              cluster.host("lb1"), null, facts(edited, recordOf(deployed, "lb1")), 0));
      connected.put(
          "lb2",
          new ConnectedHosts.Connected(
              cluster.host("lb2"),
              null,
              facts(contents(deployed, "lb2"), recordOf(deployed, "lb2")),
              0));
      return new ConnectedHosts(
          connected,
          new HostLocks(HostLock.Lease.of("deploy", HostLock.DEFAULT_LEASE, false), log),
          2,
          log);
    }

    @Test
    void refusesBeforeAnyHostIsTouched_showingTheHandEdit_andReportsEachHost() {
      List<RenderedFile> deployed = render(fixture(ClusterFixture.PAIR_DEFAULT).cluster());
      Cluster changed = fixture(ClusterFixture.PAIR_DEFAULT + "maxconn: 4242\n").cluster();
      List<RenderedFile> next = render(changed);

      assertThatThrownBy(
              () ->
                  new Deployer(id -> Optional.empty(), log)
                      .deploy(hosts(changed, deployed), changed, next, "g:a:2", options(false)))
          .isInstanceOf(DeployException.class)
          .hasMessageStartingWith(
              "Deploy refused, no host was changed: lb1: /etc/haproxy/haproxy.cfg was edited on"
                  + " the host since the last deploy")
          .satisfies(
              e -> {
                DeployReport report = ((DeployException) e).report();
                assertThat(report.hosts())
                    .extracting(HostOutcome::host, HostOutcome::state)
                    .containsExactly(
                        tuple("lb2", HostOutcome.State.NOT_CHANGED),
                        tuple("lb1", HostOutcome.State.REFUSED));
                assertThat(report.diffs())
                    .singleElement()
                    .asString()
                    .contains("-  balance leastconn");
              });
      assertThat(logged)
          .contains("ERROR [lb1] -  balance leastconn", "ERROR [lb1] +  balance roundrobin")
          .anyMatch(line -> line.startsWith("ERROR [lb1] refused: /etc/haproxy/haproxy.cfg"));
    }

    @Test
    void aDryRun_showsTheHandEdit_andSaysADeployWouldRefuseTheHost() {
      List<RenderedFile> deployed = render(fixture(ClusterFixture.PAIR_DEFAULT).cluster());
      Cluster changed = fixture(ClusterFixture.PAIR_DEFAULT + "maxconn: 4242\n").cluster();
      List<RenderedFile> next = render(changed);

      DeployReport report =
          new Deployer(id -> Optional.empty(), log)
              .deploy(hosts(changed, deployed), changed, next, "g:a:2", options(true));

      assertThat(report.hosts())
          .extracting(HostOutcome::state)
          .containsOnly(HostOutcome.State.WOULD_CHANGE);
      assertThat(report.hosts().stream().filter(host -> host.host().equals("lb1")).findFirst())
          .get()
          .extracting(HostOutcome::message)
          .asString()
          .startsWith("a deploy would refuse it without -Dlb.force: /etc/haproxy/haproxy.cfg");
      assertThat(report.diffs())
          .anyMatch(
              diff ->
                  diff.contains(
                      "--- lb1:/etc/haproxy/haproxy.cfg (edited on the host since the last"
                          + " deploy)"))
          .anyMatch(diff -> diff.startsWith("--- lb2:/etc/haproxy/haproxy.cfg\n"));
      assertThat(logged)
          .anyMatch(line -> line.startsWith("WARN [lb1] a deploy would refuse this host"));
    }
  }
}
