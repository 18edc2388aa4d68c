package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.Threads;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code failover: fast} deployed on a pair of light hosts (priorities 254/253, no advert_int of
 * its own): the hosts run VRRPv3 adverts every 30 ms, and lb:verify's node-loss drill (the
 * master's daemons frozen) passes against the limit it derives from them. How fast it is, is
 * measured by src-it/bench/failover.sh, not asserted here.
 */
class FastFailoverIT {

  private static Lab lab;
  private static Path cmdb;
  private static String vip;

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("fastit", HostKind.LIGHT, 2, 1, Path.of("target/it-labs/fastit")), LbLog.NONE);
    String subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    mode: http",
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "failover: fast", ""));
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 53", "    priority: " + (master ? 254 : 253), "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
    pipeline().deploy(render(), new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    boolean settled = false;
    while (!settled && System.nanoTime() < deadline) {
      settled = verify(List.of()).passed() && on("lb1", "ip -o addr show dev eth0").contains(" " + vip + "/24");
      if (!settled) {
        Threads.sleep(200);
      }
    }
    assertThat(settled).as("within 60 s of the deploy lb1 holds the VIP and every check passes").isTrue();
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  private static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>());
  }

  private static RenderOptions render() {
    return new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "fastit", false);
  }

  private static VerifyReport verify(List<DrillMode> drills) {
    return pipeline().verify(render(), new VerifyOptions(HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(60), drills, 0, Duration.ofMillis(10), Duration.ofMillis(50), "", Duration.ZERO));
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  @Test
  void failoverFast_runsVrrp3AdvertsEvery30ms_andTheNodeLossDrillPassesWithinItsDerivedLimit() {
    assertThat(on("lb2", "cat /etc/keepalived/keepalived.conf"))
        .contains("  advert_int 0.03\n  version 3\n", "  garp_master_delay 1\n", "# failover fast: this host takes the VIPs over 90 ms");

    VerifyReport report = verify(List.of(DrillMode.NODE_LOSS));

    assertThat(report.failures()).as("every check and the drill pass").isEmpty();
    DrillResult drill = report.drills().get(0);
    assertThat(drill.mode()).isEqualTo(DrillMode.NODE_LOSS);
    assertThat(drill.limitMillis()).as("the limit the drill derives: 3 adverts of 30 ms + the skew, + 1 s").isEqualTo(1090);
    assertThat(drill.vipOnBackupAt()).as("lb2 took the VIP over").isGreaterThan(drill.masterStoppedAt());
    assertThat(drill.failoverMillis()).as("within the limit").isBetween(1L, drill.limitMillis());
    assertThat(drill.samples().stream().filter(sample -> sample.atMillis() > drill.vipOnBackupAt() && sample.ok()))
        .as("requests succeed through lb2").isNotEmpty();
    assertThat(drill.vipBackAt()).as("and the VIP came back to lb1").isGreaterThan(drill.masterBackAt());
    assertThat(on("lb1", "ip -o addr show dev eth0")).as("the pair is left as found").contains(" " + vip + "/24");
    assertThat(on("lb2", "ip -o addr show dev eth0")).doesNotContain(" " + vip + "/24");
  }
}
