package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.Threads;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.ssh.HostKeys;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** lb:verify and lb:status against a deployed pair of light hosts (no systemd), in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyIT {

  private static Lab lab;
  private static Path inventory;
  private static Path cmdb;
  private static String vip;

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("verifyit", HostKind.LIGHT, 3, 2, Path.of("target/it-labs/verifyit")), LbLog.NONE);
    // lb1 and lb2 are the pair; lb3 is only a host to probe from.
    inventory = lab.directory().resolve("pair-and-probe.ini");
    List<String> lines = Files.readAllLines(lab.inventory());
    String probe = lines.stream().filter(line -> line.startsWith("lb3 ")).findFirst().orElseThrow();
    List<String> pair = new java.util.ArrayList<>(lines.stream().filter(line -> !line.startsWith("lb3 ")).toList());
    pair.addAll(List.of("[probe]", probe));
    Files.write(inventory, pair);
    String subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http", "    http:", "      - option httpchk OPTIONS /",
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "      - name: web2", "        dst: " + subnet + ".102:80", "        options: check inter 1s", ""));
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 52", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
    pipeline().deploy(render(), new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false));
    awaitHealthy();
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  private static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), inventory, "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>());
  }

  private static RenderOptions render() {
    return new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "verifyit", false);
  }

  private static VerifyOptions options(List<DrillMode> drills) {
    return options(drills, "");
  }

  private static VerifyOptions options(List<DrillMode> drills, String probeHost) {
    return new VerifyOptions(HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(60), drills, 0, Duration.ofMillis(50), Duration.ofMillis(300), probeHost, Duration.ZERO);
  }

  private static VerifyReport verify(List<DrillMode> drills) {
    return pipeline().verify(render(), options(drills));
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  /**
   * The VIP on the master lb1 and both servers seen up by HAProxy: health checks need a moment, and
   * every host starts as BACKUP, so lb1 takes the VIP once its preempt delay is over.
   */
  private static void awaitHealthy() {
    for (int i = 0; i < 150 && !(verify(List.of()).passed() && on("lb1", "ip -o addr show dev eth0").contains(" " + vip + "/24")); i++) {
      Threads.sleep(200);
    }
  }

  private static List<String> failures(VerifyReport report) {
    return report.failures().stream().map(check -> check.name() + ": " + check.message()).toList();
  }

  @Test
  @Order(1)
  void aHealthyPair_passesEveryCheck_andTheJunitXmlListsThem() throws Exception {
    VerifyReport report = verify(List.of());

    assertThat(failures(report)).isEmpty();
    assertThat(report.checks()).extracting(Check::name).contains(
        "lb1 haproxy running", "lb2 keepalived running", "lb1 /etc/haproxy/haproxy.cfg",
        "VRRP instance vi_www has one holder", "frontend www answers on " + vip + ":80", "lb2 backend servers up");
    assertThat(report.checks()).filteredOn(check -> check.name().equals("VRRP instance vi_www has one holder"))
        .extracting(Check::message).containsExactly("lb1 holds [" + vip + "]");
    assertThat(report.checks()).filteredOn(check -> check.name().equals("lb1 backend servers up"))
        .extracting(Check::message).containsExactly("2 servers up");

    Path directory = lab.directory().resolve("report");
    ReportWriter.write(report, "verifyit", directory);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(directory.resolve(ReportWriter.JUNIT_XML).toFile());
    Element suite = xml.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(report.checks().size()));
    assertThat(suite.getAttribute("failures")).isEqualTo("0");
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(report.checks().size());
  }

  @Test
  @Order(2)
  void status_showsTheMasterTheBackupAndTheServers() {
    List<String> lines = pipeline().status(render(), options(List.of()));

    String table = String.join("\n", lines);
    assertThat(table).containsPattern("lb1 +vi_www +MASTER +" + vip.replace(".", "\\.") + " +running \\d+ +running \\d+ +none");
    assertThat(table).containsPattern("lb2 +vi_www +BACKUP +running \\d+ +running \\d+ +none");
    assertThat(table).contains("backend web: web1 UP, web2 UP");
  }

  @Test
  @Order(3)
  void theDrill_movesTheVipAndBack_inBothModes_fiveTimes_theFailBackLosesNothing_andTheReportReadsWellInChromium() throws Exception {
    VerifyReport report = null;
    List<String> figures = new java.util.ArrayList<>();
    for (int round = 1; round <= 5; round++) {
      report = verify(List.of(DrillMode.GRACEFUL, DrillMode.NODE_LOSS));
      for (DrillResult drill : report.drills()) {
        figures.add(String.format("round %d %s: failover %d ms, %d failed (limit %d); fail-back %d ms, %d failed",
            round, drill.mode(), drill.failoverMillis(), drill.failedDuringFailover(), drill.limitMillis(), drill.failbackMillis(), drill.failedDuringFailback()));
      }
      assertThat(failures(report)).as("round " + round).isEmpty();
      assertThat(report.drills()).hasSize(2).allSatisfy(drill -> {
        assertThat(drill.master()).isEqualTo("lb1");
        assertThat(drill.backup()).isEqualTo("lb2");
        assertThat(drill.vipOnBackupAt()).as("the VIP moved to the backup").isGreaterThan(drill.masterStoppedAt());
        assertThat(drill.vipOnBackupAt() - drill.masterStoppedAt()).as("within the VRRP limit").isBetween(1L, drill.limitMillis());
        assertThat(drill.failback()).isEqualTo("delayed");
        assertThat(drill.vipBackAt()).as("and came back").isGreaterThan(drill.masterBackAt());
        assertThat(drill.vipBackAt() - drill.masterBackAt()).as("after the preempt delay (5 s)").isGreaterThan(5000);
        assertThat(drill.failedDuringFailback()).as("lossless").isZero();
        assertThat(drill.samples().stream().filter(sample -> sample.atMillis() >= drill.masterBackAt()).count())
            .as("probe requests during the fail-back").isGreaterThan(50);
      });
      assertThat(report.drills().get(0).failedDuringFailover()).as("a graceful failover hands the requests under way to the old holder").isZero();
      DrillResult nodeLoss = report.drills().get(1);
      assertThat(nodeLoss.mode()).isEqualTo(DrillMode.NODE_LOSS);
      assertThat(nodeLoss.vipOnBackupAt() - nodeLoss.masterStoppedAt()).as("no goodbye: the backup waits about 3 adverts").isGreaterThan(2000);
      assertThat(nodeLoss.failedDuringFailover()).as("the frozen master no longer answers").isGreaterThan(0);
      assertThat(on("lb1", "ip -o addr show dev eth0")).as("the pair is left as found").contains(" " + vip + "/24");
      assertThat(on("lb2", "ip -o addr show dev eth0")).doesNotContain(" " + vip + "/24");
      assertThat(on("lb1", "grep -c State:.*T /proc/$(cat /run/vrrp.pid)/status || true").strip()).as("keepalived thawed").isEqualTo("0");
    }
    Files.write(lab.directory().resolve("failback-figures.txt"), figures);

    Path directory = lab.directory().resolve("drill-report");
    Path html = ReportWriter.write(report, "verifyit drill", directory);
    assertThat(Files.readString(html)).contains("<svg", "VIP on B", "node loss", "PASSED");
    ReportInChromium.Result seen = ReportInChromium.open(html, directory, "report");
    ReportInChromium.assertReadable(seen, directory, "report");
  }

  /**
   * A client opens a connection on the holder lb1 and sends its request on it only after the VIP
   * moved to lb2 (lb1's Keepalived stopped, with its goodbye): lb2 hands the connection's packets
   * to lb1, whose HAProxy answers. With lb2's handover rules taken away, the same request is reset:
   * what a request under way at a fail-back met before.
   */
  @Test
  @Order(11)
  void aConnectionOpenWhenTheVipMoves_isServedByTheOldHolder_butResetWithoutTheHandover() throws Exception {
    assertThat(requestOnAConnectionOpenedBeforeTheMove("served")).matches("HTTP/1\\.[01] 200 .*");
    on("lb2", HANDOVER + " off");
    try {
      assertThat(requestOnAConnectionOpenedBeforeTheMove("reset")).contains("Connection reset by peer");
    } finally {
      on("lb2", HANDOVER);
    }
    assertThat(on("lb2", HANDOVER + " check && echo in place")).contains("in place");
  }

  private static final String HANDOVER = "/usr/local/sbin/lb-maven-plugin-handover";

  /**
   * Waits until the client lb3 sends to the VIP at {@code holder}'s MAC, asking through the VIP
   * meanwhile. It learns a new holder from its gratuitous ARPs (a neighbour entry younger than the
   * kernel's locktime, 1 s, ignores the first round; the second comes 5 s later) or by asking
   * again once its entry is stale.
   */
  private static void awaitNeighbour(String holder) {
    String mac = on(holder, "cat /sys/class/net/eth0/address").strip();
    for (int i = 0; i < 80 && !on("lb3", "ip neigh show " + vip).contains(mac); i++) {
      on("lb3", "curl -s -o /dev/null -m 1 http://" + vip + "/ || true");
      Threads.sleep(100);
    }
    assertThat(on("lb3", "ip neigh show " + vip)).as("the client sends to " + holder).contains(mac);
  }

  /** What the request's answer began with, or how it failed. */
  private static String requestOnAConnectionOpenedBeforeTheMove(String name) throws Exception {
    awaitHealthy();
    Path client = lab.directory().resolve("open-connection.py").toAbsolutePath();
    Files.writeString(client, String.join("\n",
        "import os, socket, sys, time",
        "vip, connected, go = sys.argv[1:4]",
        "s = socket.create_connection((vip, 80), timeout=10)",
        "open(connected, 'w').close()",
        "for _ in range(600):",
        "    if os.path.exists(go):",
        "        break",
        "    time.sleep(0.05)",
        "try:",
        "    s.sendall(b'GET / HTTP/1.0\\r\\nHost: vip\\r\\n\\r\\n')",
        "    data = b''",
        "    while True:",
        "        chunk = s.recv(4096)",
        "        if not chunk:",
        "            break",
        "        data += chunk",
        "    print(data.decode(errors='replace').splitlines()[0] if data else 'closed without an answer')",
        "except OSError as e:",
        "    print('failed:', e)",
        ""));
    awaitNeighbour("lb1");
    Path connected = lab.directory().resolve(name + ".connected").toAbsolutePath();
    Path go = lab.directory().resolve(name + ".go").toAbsolutePath();
    Files.deleteIfExists(connected);
    Files.deleteIfExists(go);
    java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> on("lb3", "python3 " + client + " " + vip + " " + connected + " " + go));
    try {
      for (int i = 0; i < 100 && !Files.exists(connected); i++) {
        Threads.sleep(100);
      }
      assertThat(connected).as("the client connected through the VIP").exists();
      on("lb1", "kill $(cat /run/keepalived.pid); for i in $(seq 60); do [ -e /run/keepalived.pid ] || break; sleep 0.1; done");
      for (int i = 0; i < 50 && !on("lb2", "ip -o addr show dev eth0").contains(" " + vip + "/24"); i++) {
        Threads.sleep(100);
      }
      assertThat(on("lb2", "ip -o addr show dev eth0")).as("the VIP moved to lb2").contains(" " + vip + "/24");
      awaitNeighbour("lb2");
      Files.writeString(go, "");
      return answer.get(30, java.util.concurrent.TimeUnit.SECONDS).strip();
    } finally {
      Files.writeString(go, "");
      on("lb1", "[ -e /run/keepalived.pid ] || keepalived -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid");
      awaitHealthy();
    }
  }

  @Test
  @Order(4)
  void status_saysWhenTheBackupHoldsTheVip_andWhy() {
    on("lb1", "kill $(cat /run/keepalived.pid); for i in $(seq 60); do [ -e /run/keepalived.pid ] || break; sleep 0.1; done");
    try {
      for (int i = 0; i < 50 && !on("lb2", "ip -o addr show dev eth0").contains(" " + vip + "/24"); i++) {
        Threads.sleep(200);
      }
      assertThat(pipeline().status(render(), options(List.of())))
          .contains("VRRP instance vi_www runs on its backup lb2, not on its master lb1: Keepalived is stopped on lb1: start it (lb:deploy does)");
    } finally {
      on("lb1", "keepalived -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid");
    }
    Threads.sleep(1500);
    assertThat(pipeline().status(render(), options(List.of())))
        .anySatisfy(line -> assertThat(line).startsWith("VRRP instance vi_www runs on its backup lb2, not on its master lb1: fail-back pending (failback delayed): Keepalived on lb1 started"));
    awaitHealthy();
    assertThat(pipeline().status(render(), options(List.of()))).noneMatch(line -> line.contains("runs on its backup"));
  }

  @Test
  @Order(5)
  void aStoppedHaproxy_failsWithTheHostsName() {
    on("lb2", "kill $(cat /run/haproxy.pid)");
    try {
      assertThat(failures(verify(List.of()))).contains(
          "lb2 haproxy running: haproxy is not running on lb2: start it with lb:deploy (or look at its log on the host)");
    } finally {
      on("lb2", "haproxy -f /etc/haproxy/haproxy.cfg -D -p /run/haproxy.pid");
    }
  }

  @Test
  @Order(6)
  void aConfigEditedOnTheHost_isDrift() {
    on("lb2", "cp -p /etc/haproxy/haproxy.cfg /tmp/verifyit-haproxy.cfg && echo '# edited by hand' >> /etc/haproxy/haproxy.cfg");
    try {
      assertThat(failures(verify(List.of()))).containsExactly(
          "lb2 /etc/haproxy/haproxy.cfg: /etc/haproxy/haproxy.cfg on lb2 differs from the rendered one: lb:diff shows how, lb:deploy converges it");
    } finally {
      on("lb2", "mv /tmp/verifyit-haproxy.cfg /etc/haproxy/haproxy.cfg");
    }
  }

  @Test
  @Order(7)
  void theVipOnBothHosts_isSplitBrain() {
    on("lb2", "ip addr add " + vip + "/24 dev eth0");
    try {
      assertThat(failures(verify(List.of()))).singleElement().asString()
          .startsWith("VRRP instance vi_www has one holder: split brain: lb1 and lb2 all hold [" + vip + "]");
    } finally {
      on("lb2", "ip addr del " + vip + "/24 dev eth0");
    }
  }

  @Test
  @Order(8)
  void aDownServer_isListed_andAnUnhealthyPairIsNotDrilled() throws Exception {
    String pid = String.valueOf(lab.host("web2").pid());
    new ProcessBuilder("kill", "-STOP", pid).start().waitFor();
    try {
      List<String> failures = List.of();
      for (int i = 0; i < 50 && !failures.contains("lb1 backend servers up: down on lb1: web/web2 DOWN"); i++) {
        Threads.sleep(200);
        failures = failures(verify(List.of(DrillMode.GRACEFUL)));
      }
      assertThat(failures).contains("lb1 backend servers up: down on lb1: web/web2 DOWN",
          "failover drill: not run: the pair is not healthy (see the failed checks above)");
    } finally {
      new ProcessBuilder("kill", "-CONT", pid).start().waitFor();
    }
  }

  @Test
  @Order(9)
  void theDrill_canProbeFromAnotherHost_overSsh() {
    awaitHealthy();
    on("lb3", "ip route add blackhole " + vip + "/32");
    try {
      VerifyReport blocked = pipeline().verify(render(), options(List.of(DrillMode.GRACEFUL), "lb3"));
      assertThat(failures(blocked)).as("lb3 cannot reach the VIP, this machine can: the requests come from lb3")
          .containsExactly("vi_www graceful failover and fail-back: not run: requests through " + vip + ":80 fail before the drill");
    } finally {
      on("lb3", "ip route del blackhole " + vip + "/32");
    }

    VerifyReport report = pipeline().verify(render(), options(List.of(DrillMode.GRACEFUL), "lb3"));

    assertThat(failures(report)).isEmpty();
    assertThat(report.drills()).singleElement().satisfies(drill -> {
      assertThat(drill.samples().size()).isGreaterThan(20);
      assertThat(drill.vipOnBackupAt()).isGreaterThan(drill.masterStoppedAt());
      assertThat(drill.samples()).filteredOn(sample -> sample.atMillis() > drill.vipOnBackupAt() + 500).isNotEmpty().allMatch(ProbeSample::ok);
    });
  }

  @Test
  @Order(10)
  void aDrill_waitsForNoDeploy_itTakesTheHostsLock() {
    awaitHealthy();
    on("lb2", "touch /run/lb-maven-plugin.lock");
    try {
      assertThat(failures(verify(List.of(DrillMode.GRACEFUL)))).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("vi_www graceful failover and fail-back: not run: lb2: another deploy holds the host's lock (/run/lb-maven-plugin.lock, held since 20")
          .contains("-Dlb.breakLock");
      assertThat(on("lb1", "test -e /run/lb-maven-plugin.lock && echo held || echo free").strip()).as("lb1's lock given back").isEqualTo("free");
    } finally {
      on("lb2", "rm -f /run/lb-maven-plugin.lock");
    }
    assertThat(on("lb1", "test -e /run/lb-maven-plugin.lock && echo held || echo free").strip()).isEqualTo("free");
  }
}
