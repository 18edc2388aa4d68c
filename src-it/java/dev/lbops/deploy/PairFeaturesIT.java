package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.DrillResult;
import dev.lbops.verify.VerifyOptions;
import dev.lbops.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a production pair relies on besides its VIP, on two light hosts with IPv4 and IPv6
 * addresses: stick tables shared through the generated peers section, so that a sticky client keeps
 * its server across a failover; a user vrrp_script whose weight moves the VIP while it fails and
 * back; a tracked interface whose loss moves the VIP; and an IPv6 VIP, with VRRP between the hosts
 * over IPv6 unicast, that passes a failover drill probed over IPv6; an excluded address and a
 * virtual route that are on the VIP's holder only and move with it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairFeaturesIT {

  private static Lab lab;
  private static Path cmdb;
  private static String vip;
  private static String vip6;
  private static String excluded;
  private static final String ROUTE = "198.19.77.0/24";

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("pairit", HostKind.LIGHT, 2, 2, Path.of("target/it-labs/pairit")), LbLog.NONE);
    String subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    vip6 = lab.virtualIpv6(1);
    excluded = lab.virtualIp(2);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "vrrp_scripts:", "  - name: chk_flag", "    command: test ! -e /run/lb-fail", "    interval: 1", "    weight: -60",
        "    rise: 1", "    fall: 1",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "  - name: www6", "    bind: '[" + vip6 + "]:80'", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http", "    http:",
        "      - option httpchk OPTIONS /", "      - stick-table type ipv6 size 10k expire 30m", "      - stick on src",
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "      - name: web2", "        dst: " + subnet + ".102:80", "        options: check inter 1s", ""));
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      String own = lab.ipv6Address(lab.host(host));
      String other = lab.ipv6Address(lab.host(master ? "lb2" : "lb1"));
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:",
          "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0", "    router_id: 81",
          "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    track_script: [chk_flag]", "    track_interface: [trk0]",
          "    virtual_ips:", "      - ip: " + vip, "        cidr: 24",
          "    virtual_ipaddress_excluded:", "      - ip: " + excluded, "        cidr: 32",
          "    virtual_routes:", "      - to: " + ROUTE, "        via: " + subnet + ".1", "        dev: eth0",
          "  - name: vi_www6", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0", "    router_id: 82",
          "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    vrrp_version: 3",
          "    unicast_src_ip: '" + own + "'", "    unicast_peer: ['" + other + "']",
          "    virtual_ips:", "      - ip: '" + vip6 + "'", "        cidr: 64", ""));
      // An interface to track besides eth0: a veth pair inside the host, its far end the switch.
      on(host, "ip link add trk0 type veth peer name trk1 && ip link set trk0 up && ip link set trk1 up");
    }
    DeployReport report = pipeline().deploy(render(), new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false));
    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.state()).isEqualTo(HostOutcome.State.CHANGED));
    assertThat(on("lb1", "cat /etc/sysctl.d/60-lb-maven-plugin.conf")).contains("net.ipv6.ip_nonlocal_bind = 1");
    assertThat(eventually(() -> holdsVip("lb1", vip) && holdsVip("lb1", vip6))).as("the master holds both VIPs").isTrue();
    assertThat(eventually(() -> fromClient(vip).startsWith("web"))).isTrue();
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
    return new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "pairit", true);
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  private static String fromClient(String address) {
    String host = address.contains(":") ? "[" + address + "]" : address;
    Lab.Output output = lab.run(lab.host("client"), "curl", "-s", "-m", "2", "http://" + host + "/");
    return output.exit() == 0 ? output.output().strip() : "FAILED";
  }

  private static boolean holdsVip(String host, String address) {
    return on(host, "ip -o addr show dev eth0").contains(" " + address + "/");
  }

  private static boolean eventually(BooleanSupplier condition) {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  /** A stick table as HAProxy's runtime API shows it on that host. */
  private static String showTable(String host, String table) {
    return on(host, "python3 -c \"import socket; s = socket.socket(socket.AF_UNIX); s.connect('/run/haproxy/admin.sock');"
        + " s.sendall(b'show table " + table + "\\n'); d = b''\nwhile True:\n  c = s.recv(65536)\n  if not c: break\n  d += c\n"
        + "print(d.decode())\"");
  }

  @Test
  @Order(1)
  void anEntryMadeThroughTheMaster_isInTheBackupsTable_andTheStickyClientKeepsItsServerAcrossAFailover() {
    String client = lab.host("client").address();
    String server = fromClient(vip);
    assertThat(server).startsWith("web");
    for (int i = 0; i < 4; i++) {
      assertThat(fromClient(vip)).as("stuck to its server").isEqualTo(server);
    }
    String serverId = server.equals("web1") ? "1" : "2";
    assertThat(eventually(() -> showTable("lb2", "web").contains(client))).as(showTable("lb2", "web")).isTrue();
    assertThat(showTable("lb2", "web")).as("the backup's table, through its runtime API")
        .containsPattern("key=::ffff:" + client.replace(".", "\\.") + " .*server_id=" + serverId);

    ShippedFilesIT.stopKeepalivedOn(lab, "lb1");
    try {
      assertThat(eventually(() -> holdsVip("lb2", vip))).as("the backup took the VIP").isTrue();
      assertThat(eventually(() -> fromClient(vip).startsWith("web"))).isTrue();
      for (int i = 0; i < 4; i++) {
        assertThat(fromClient(vip)).as("served by the backup, still stuck").isEqualTo(server);
      }
    } finally {
      on("lb1", "keepalived -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid");
    }
    assertThat(eventually(() -> holdsVip("lb1", vip))).isTrue();
    assertThat(fromClient(vip)).isEqualTo(server);
  }

  @Test
  @Order(2)
  void aVrrpScriptWithAWeight_thatStartsFailing_movesTheVip_andBackWhenItPassesAgain() {
    on("lb1", "touch /run/lb-fail");
    try {
      assertThat(eventually(() -> holdsVip("lb2", vip) && !holdsVip("lb1", vip)))
          .as("150 - 60 < 100: the backup takes vi_www").isTrue();
      assertThat(holdsVip("lb1", vip6)).as("vi_www6 does not track the script").isTrue();
      assertThat(eventually(() -> fromClient(vip).startsWith("web"))).isTrue();
    } finally {
      on("lb1", "rm -f /run/lb-fail");
    }
    assertThat(eventually(() -> holdsVip("lb1", vip) && !holdsVip("lb2", vip))).as("back to the master").isTrue();
  }

  @Test
  @Order(3)
  void aTrackedInterfaceGoingDown_movesTheVip_andItComesBackWithTheInterface() {
    on("lb1", "ip link set trk1 down");
    try {
      assertThat(eventually(() -> holdsVip("lb2", vip) && !holdsVip("lb1", vip))).as("lb1's vi_www is in FAULT").isTrue();
      assertThat(eventually(() -> fromClient(vip).startsWith("web"))).isTrue();
    } finally {
      on("lb1", "ip link set trk1 up");
    }
    assertThat(eventually(() -> holdsVip("lb1", vip) && !holdsVip("lb2", vip))).isTrue();
  }

  @Test
  @Order(4)
  void anIpv6Vip_withVrrpOverIpv6Unicast_passesAFailoverDrill_probedOverIpv6() {
    assertThat(eventually(() -> fromClient(vip6).startsWith("web"))).as("the IPv6 VIP answers").isTrue();
    VerifyOptions options = new VerifyOptions(HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(60),
        List.of(DrillMode.GRACEFUL), 0, Duration.ofMillis(50), Duration.ofMillis(300), "", Duration.ofSeconds(30));

    VerifyReport report = pipeline().verify(render(), options);

    assertThat(report.failures()).as("every check and drill").isEmpty();
    assertThat(report.checks()).extracting(check -> check.name()).contains("frontend www6 answers on [" + vip6 + "]:80");
    DrillResult drill = report.drills().stream().filter(d -> d.instance().equals("vi_www6")).findFirst().orElseThrow();
    assertThat(drill.passed()).as(drill.message()).isTrue();
    assertThat(drill.target()).contains(vip6);
    assertThat(drill.vipOnBackupAt()).isGreaterThan(drill.masterStoppedAt());
    assertThat(drill.samples()).as("requests over IPv6 through the VIP").isNotEmpty().anyMatch(sample -> sample.ok());
  }

  /** Whether the host holds vi_www's excluded address (not in the adverts) and its virtual route. */
  private static boolean holdsExtras(String host) {
    return on(host, "ip -o addr show dev eth0").contains(" " + excluded + "/32")
        && on(host, "ip route show " + ROUTE).contains(ROUTE + " via ");
  }

  private static boolean holdsNoExtras(String host) {
    return !on(host, "ip -o addr show dev eth0").contains(" " + excluded + "/")
        && on(host, "ip route show " + ROUTE).isBlank();
  }

  @Test
  @Order(5)
  void anExcludedAddressAndAVirtualRoute_areOnTheHolderOnly_andMoveWithAFailover() {
    assertThat(eventually(() -> holdsVip("lb1", vip) && holdsExtras("lb1") && holdsNoExtras("lb2")))
        .as("lb1: %s%s; lb2: %s", on("lb1", "ip -o addr show dev eth0"), on("lb1", "ip route"), on("lb2", "ip route")).isTrue();

    ShippedFilesIT.stopKeepalivedOn(lab, "lb1");
    try {
      assertThat(eventually(() -> holdsVip("lb2", vip) && holdsExtras("lb2") && holdsNoExtras("lb1")))
          .as("the address and the route moved with the VIP").isTrue();
    } finally {
      on("lb1", "keepalived -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid");
    }
    assertThat(eventually(() -> holdsVip("lb1", vip) && holdsExtras("lb1") && holdsNoExtras("lb2")))
        .as("and back with it").isTrue();
  }
}
