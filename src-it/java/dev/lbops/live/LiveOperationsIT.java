package dev.lbops.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.rotation.RotationException;
import dev.lbops.rotation.RotationOptions;
import dev.lbops.rotation.RotationReport;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Live operations on two light hosts under a bounded load of keep-alive requests through the VIP:
 * lb:drain and lb:ready.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveOperationsIT {

  private static final List<String> HOSTS = List.of("lb1", "lb2");

  private static Lab lab;
  private static Path cmdb;
  private static String subnet;
  private static String vip;
  private static final List<String> WARNINGS = new ArrayList<>();

  private static final LbLog WARNINGS_ONLY = new LbLog() {
    @Override public void debug(String message) {}
    @Override public void info(String message) {}
    @Override public void warn(String message) { synchronized (WARNINGS) { WARNINGS.add(message); } }
    @Override public void error(String message) {}
  };

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("liveit", HostKind.LIGHT, 2, 2, Path.of("target/it-labs/liveit")), LbLog.NONE);
    subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    writeDefault(List.of(server("web1", 101, ""), server("web2", 102, ""), server("web3", 103, "")));
    for (String host : HOSTS) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 81", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  /** A server line of the CMDB: web3 (.103) has no host behind it, so its checks fail. */
  static List<String> server(String name, int address, String options) {
    return List.of("      - name: " + name, "        dst: " + subnet + "." + address + ":80",
        "        options: check inter 300ms rise 2 fall 2" + options);
  }

  static void writeDefault(List<List<String>> servers) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http",
        "    http:", "      - option httpchk OPTIONS /", "    server:"));
    servers.forEach(lines::addAll);
    lines.add("");
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n", lines));
  }

  static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.empty(), WARNINGS_ONLY, new HashSet<>());
  }

  static DeployReport deploy() {
    RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "dev.lbops.it:liveit:1.0", false);
    return pipeline().deploy(render, new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10), false));
  }

  static RotationOptions servers(Duration timeout, String... servers) {
    return new RotationOptions(List.of(servers), timeout, HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10));
  }

  static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  /** What HAProxy on the host answers to a runtime API command. */
  static String runtime(String host, String command) {
    return lab.run(lab.host(host), "python3", "-c",
        "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect('/run/haproxy/admin.sock')\n"
            + "s.sendall(sys.argv[1].encode()+b'\\n')\nprint(b''.join(iter(lambda: s.recv(65536), b'')).decode())",
        command).output();
  }

  /** The server's admin state bits of {@code show servers state} (1 maint, 8 drain). */
  static int adminState(String host, String server) {
    for (String line : runtime(host, "show servers state web").lines().toList()) {
      String[] fields = line.split(" ");
      if (fields.length > 7 && fields[3].equals(server)) {
        return Integer.parseInt(fields[6]);
      }
    }
    throw new AssertionError("no server " + server + " on " + host);
  }

  static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  @Test
  @Order(1)
  void theFirstDeploy_bringsThePairUp() throws Exception {
    deploy();

    assertThat(eventually(() -> on("lb1", "ip -o -4 addr show dev eth0").contains(" " + vip + "/24"))).isTrue();
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> runtime(host, "show stat").contains("web,web2,") && runtime(host, "show stat").matches("(?s).*web,web1,.*,UP,.*"))))
        .as("web1 up on both").isTrue();
  }

  @Test
  @Order(2)
  void drain_takesAServerOutOfRotationOnBothBalancers_withoutAFailedRequest_andReadyBringsItBack() throws Exception {
    String url = "http://" + vip + "/";
    try (RequestLoad load = new RequestLoad(url, 3, Duration.ofMillis(5))) {
      load.awaitMore(60);
      assertThat(load.answers()).extracting(RequestLoad.Answer::body).contains("web1", "web2");

      RotationReport drained = pipeline().drain(servers(Duration.ofSeconds(30), "web1"));
      long drainReturned = System.nanoTime();
      load.awaitMore(200);

      assertThat(drained.servers()).extracting(RotationReport.ServerOutcome::host, RotationReport.ServerOutcome::server, RotationReport.ServerOutcome::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("lb1", "web/web1", "DRAIN"), org.assertj.core.groups.Tuple.tuple("lb2", "web/web1", "DRAIN"));
      assertThat(drained.servers()).allMatch(RotationReport.ServerOutcome::done);
      assertThat(load.sentAfter(drainReturned)).extracting(RequestLoad.Answer::body).as("after the drain returned")
          .doesNotContain("web1").contains("web2");
      HOSTS.forEach(host -> assertThat(adminState(host, "web1") & 8).as(host + ": drained").isEqualTo(8));

      RotationReport ready = pipeline().ready(servers(Duration.ofSeconds(30), "web1"));
      long readyReturned = System.nanoTime();
      load.awaitMore(200);

      assertThat(ready.servers()).extracting(RotationReport.ServerOutcome::status).containsOnly("UP");
      assertThat(load.sentAfter(readyReturned)).extracting(RequestLoad.Answer::body).as("after ready returned").contains("web1", "web2");
      assertThat(load.failed()).as("failed requests of " + load.answers().size()).isEmpty();
    }
  }

  @Test
  @Order(3)
  void ready_ofAServerWhoseChecksFail_failsNamingIt_andLeavesItDrainedEverywhere() {
    assertThatThrownBy(() -> pipeline().ready(servers(Duration.ofSeconds(2), "web3")))
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("Not up after 2 s (lb.readyTimeout)")
        .hasMessageContaining("web/web3 on lb1 is DOWN")
        .hasMessageContaining("web/web3 on lb2 is DOWN")
        .hasMessageContaining("Left drained on every load balancer (lb1, lb2)");
    HOSTS.forEach(host -> assertThat(adminState(host, "web3") & 8).as(host + ": web3 drained").isEqualTo(8));
  }

  @Test
  @Order(3)
  void aServerNoBalancerHas_failsBeforeAnythingChanges() {
    assertThatThrownBy(() -> pipeline().drain(servers(Duration.ofSeconds(5), "web1", "web9")))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("'web9' is no server of HAProxy there")
        .hasMessageContaining("lb1")
        .hasMessageContaining("lb2");
    HOSTS.forEach(host -> assertThat(adminState(host, "web1")).as(host + ": web1 untouched").isZero());
  }
}
