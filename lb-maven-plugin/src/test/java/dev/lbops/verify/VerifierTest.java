package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostLock;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import dev.lbops.ssh.HostKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {

  @TempDir Path directory;

  private Cluster pair(String defaults) {
    return ClusterFixture.healthyPair(directory).file("default.yml", defaults).load().cluster();
  }

  @Test
  void aProbeHostWithoutALogin_failsTheDrillsBeforeAnyHostIsContacted() {
    Host probe =
        new Host(
            "probe1",
            "198.18.0.99",
            22,
            "ops",
            "no-such-server",
            "",
            List.of(),
            Map.of(),
            null,
            "",
            false,
            Location.UNKNOWN);
    VerifyOptions options =
        new VerifyOptions(
            HostKeys.strict(directory.resolve("known_hosts")),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            List.of(DrillMode.GRACEFUL),
            0,
            Duration.ofMillis(50),
            Duration.ofMillis(300),
            "probe1",
            Duration.ZERO,
            HostLock.Lease.of("verify", Duration.ofSeconds(60), false));

    assertThatThrownBy(
            () ->
                new Verifier(id -> Optional.empty(), LbLog.NONE)
                    .verify(
                        pair(ClusterFixture.PAIR_DEFAULT), List.of(), List.of(), options, probe))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("probe1")
        .hasMessageContaining("no-such-server");
  }

  @Test
  void aHostsStateIsReadFromWhatItsScriptPrints_serversIncluded() {
    String output =
        String.join(
            "\n",
            "init=direct",
            "addresses=127.0.0.1 198.18.0.11 198.18.0.100 ::1",
            "status:HAPROXY=running 42",
            "status:KEEPALIVED=stopped",
            "sum:HAPROXY=abc",
            "sum:KEEPALIVED=",
            "stat:# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight",
            "stat:pool,FRONTEND,,,0,0,4096,0,0,0,0,0,0,,,,,OPEN,",
            "stat:pool,www01,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,1",
            "stat:pool,www02,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1",
            "stat:pool,BACKEND,0,0,0,0,410,0,0,0,0,0,,0,0,0,0,UP,1",
            "");

    HostState state = HostState.parse("lb1", output);

    assertThat(state.holds("198.18.0.100")).isTrue();
    assertThat(state.holds("198.18.0.10")).isFalse();
    assertThat(state.running(Service.HAPROXY)).isTrue();
    assertThat(state.running(Service.KEEPALIVED)).isFalse();
    assertThat(state.servers())
        .containsExactly(
            new HostState.ServerState("pool", "www01", "UP"),
            new HostState.ServerState("pool", "www02", "DOWN"));
    assertThat(state.servers()).filteredOn(HostState.ServerState::down).hasSize(1);
  }

  @Test
  void theRoleFollowsTheVipsHeld_andAStoppedKeepalivedIsAFault() {
    VrrpInstance instance =
        pair(ClusterFixture.PAIR_DEFAULT).host("lb1").keepalived().instances().get(0);
    String vip = instance.virtualIps().get(0).ip();
    String running = "status:KEEPALIVED=running 7\n";

    assertThat(HostSummaries.role(instance, HostState.parse("lb1", running + "addresses=" + vip)))
        .isEqualTo("MASTER");
    assertThat(
            HostSummaries.role(instance, HostState.parse("lb1", running + "addresses=198.18.0.11")))
        .isEqualTo("BACKUP");
    assertThat(HostSummaries.role(instance, HostState.parse("lb1", "addresses=" + vip)))
        .isEqualTo("FAULT (keepalived stopped, VIPs left)");
    assertThat(HostSummaries.role(instance, null)).isEqualTo("UNREACHABLE");
  }

  @Test
  void theFailoverLimit_isThreeAdvertsPlusTheBackupsSkewPlusASecond() {
    VrrpInstance backup =
        pair(ClusterFixture.PAIR_DEFAULT).host("lb2").keepalived().instances().get(0);

    // advert_int 1, priority 100: 3 s + (256 - 100) / 256 s + 1 s
    assertThat(backup.priority()).isEqualTo(100);
    assertThat(DrillPlan.derivedLimitMillis(backup)).isEqualTo(3000 + 609 + 1000);
  }

  @Test
  void theDrillPlan_takesTheHolderAsMaster_andTheOtherMemberAsBackup_orSaysWhyNot() {
    Cluster cluster = pair(ClusterFixture.PAIR_DEFAULT);
    SharedInstance instance = cluster.instances().get(0);
    List<TrafficTarget> targets = TrafficChecks.targets(cluster, List.of());
    HostState holder = HostState.parse("lb2", "addresses=198.18.0.100");
    HostState other = HostState.parse("lb1", "addresses=198.18.0.11");

    DrillPlan plan =
        DrillPlan.of(instance, DrillMode.GRACEFUL, Map.of("lb1", other, "lb2", holder), targets, 0);
    DrillPlan none = DrillPlan.of(instance, DrillMode.GRACEFUL, Map.of("lb1", other), targets, 0);

    assertThat(plan)
        .isInstanceOfSatisfying(
            DrillPlan.Ready.class,
            ready -> {
              assertThat(ready.master().name()).isEqualTo("lb2");
              assertThat(ready.backup().name()).isEqualTo("lb1");
              assertThat(ready.target()).contains(targets.get(0));
              // lb1 is the backup now: its priority 150 gives the skew
              assertThat(ready.limitMillis()).isEqualTo(3000 + 414 + 1000);
            });
    assertThat(none)
        .isInstanceOfSatisfying(
            DrillPlan.Impossible.class,
            impossible ->
                assertThat(impossible.result().message())
                    .isEqualTo("not run: no host holds [198.18.0.100] now"));
  }

  @Test
  void aFrontendOnAllAddresses_isProbedOnEveryVip_andATlsBindNamesItsCertificate() {
    Cluster cluster =
        pair(
            ClusterFixture.PAIR_DEFAULT
                + """
                listen:
                  - name: tls
                    bind: '*:443 ssl crt /etc/haproxy/site.pem'
                    mode: http
                    server:
                      - name: a
                        dst: 198.18.1.11:443
                """);

    assertThat(TrafficChecks.targets(cluster, List.of()))
        .containsExactly(
            new TrafficTarget("web", "198.18.0.100", 80, true, false, false, "", Set.of()),
            new TrafficTarget(
                "tls", "198.18.0.100", 443, true, true, false, "/etc/haproxy/site.pem", Set.of()));
  }

  @Test
  void theJunitXml_escapesMessages_andCountsFailures() {
    VerifyReport report =
        new VerifyReport(
            List.of(),
            List.of(
                Check.pass("state", "lb1 haproxy running", "pid 1"),
                Check.fail("traffic", "frontend <web> answers", "answered \"503\" & more")),
            List.of(),
            List.of(),
            List.of());

    String xml = ReportWriter.junitXml(report);

    assertThat(xml)
        .contains("tests=\"2\" failures=\"1\"")
        .contains("name=\"frontend &lt;web&gt; answers\"")
        .contains("<failure message=\"answered &quot;503&quot; &amp; more\">");
  }
}
