package dev.lbops.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  private static final int SLOW_SECONDS = 3;
  /** web1's server as the "deploy" started it anew (the lab's own one is stopped then). */
  private static Process redeployed;

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
  static void down() throws InterruptedException {
    if (redeployed != null) {
      redeployed.destroy();
      redeployed.waitFor(5, TimeUnit.SECONDS);
    }
    if (lab != null) {
      Lab.down(lab.directory(), LbLog.NONE);
    }
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
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10), false);
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

  /** A server's line of {@code show stat} on the host, split in its fields. */
  static List<String> statLine(String host, String server) {
    return runtime(host, "show stat").lines().filter(line -> line.startsWith("web," + server + ","))
        .findFirst().map(line -> List.of(line.split(",", -1))).orElseThrow(() -> new AssertionError("no " + server + " on " + host));
  }

  static int sessions(String host, String server) {
    return Integer.parseInt(statLine(host, server).get(4));
  }

  static String status(String host, String server) {
    return statLine(host, server).get(17);
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
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> status(host, "web3").startsWith("DOWN"))))
        .as("web3 (no host behind it) down on both").isTrue();
  }

  /**
   * An application's rolling deploy of web1 under load: drain (it waits for web1's slow requests to
   * end), the app's "deploy" (its server stopped, then a new one started), ready (it waits for the
   * checks to see the new one up). No request fails, web1 gets none between drain and ready.
   */
  @Test
  @Order(2)
  void drain_deploy_ready_underLoad_failsNoRequest_andTheServerComesBack() throws Exception {
    String url = "http://" + vip + "/";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // Sent before the load starts: round robin gives web1 and web2 two each.
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slow.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "slow/" + SLOW_SECONDS)).timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(eventually(() -> sessions("lb1", "web1") >= 2)).as("web1's slow sessions on lb1").isTrue();
    try (RequestLoad load = new RequestLoad(url, 3, Duration.ofMillis(5))) {
      load.awaitMore(60);
      assertThat(load.answers()).extracting(RequestLoad.Answer::body).contains("web1", "web2");

      RotationReport drained = pipeline().drain(servers(Duration.ofSeconds(30), "web1"));
      long drainReturned = System.nanoTime();

      assertThat(drained.servers()).extracting(RotationReport.ServerOutcome::host, RotationReport.ServerOutcome::server, RotationReport.ServerOutcome::status)
          .containsExactly(tuple("lb1", "web/web1", "DRAIN"), tuple("lb2", "web/web1", "DRAIN"));
      assertThat(drained.servers()).allMatch(RotationReport.ServerOutcome::done);
      assertThat(drained.servers().get(0).sessionsAtStart()).as("lb1 holds the VIP: web1's slow sessions").isPositive();
      assertThat(drained.servers().get(0).seconds()).as("the drain waited for them").isGreaterThan(0.5);
      List<HttpResponse<String>> slowAnswers = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> answer : slow) {
        slowAnswers.add(answer.get(2, TimeUnit.SECONDS)); // ended with the drain's wait, not later
      }
      assertThat(slowAnswers)
          .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200))
          .extracting(answer -> answer.body().strip()).as("slow requests ended well, web1's too").containsOnly("web1", "web2");
      HOSTS.forEach(host -> assertThat(adminState(host, "web1") & 8).as(host + ": drained").isEqualTo(8));

      deployWeb1(load);

      long readyCalled = System.nanoTime();
      RotationReport ready = pipeline().ready(servers(Duration.ofSeconds(30), "web1"));
      long readyReturned = System.nanoTime();
      assertThat(load.sentBetween(drainReturned, readyCalled)).as("from the drain's return to ready's call").isNotEmpty()
          .extracting(RequestLoad.Answer::body).doesNotContain("web1");
      load.awaitMore(200);

      assertThat(ready.servers()).extracting(RotationReport.ServerOutcome::host, RotationReport.ServerOutcome::status)
          .containsExactly(tuple("lb1", "UP"), tuple("lb2", "UP"));
      assertThat(ready.servers()).allMatch(RotationReport.ServerOutcome::done);
      HOSTS.forEach(host -> assertThat(adminState(host, "web1")).as(host + ": ready").isZero());
      assertThat(load.sentAfter(readyReturned)).extracting(RequestLoad.Answer::body).as("after ready returned").contains("web1", "web2");
      assertThat(load.failed()).as("failed requests of " + load.answers().size()).isEmpty();
      System.out.printf("drain %.1f s (lb1), ready %.1f s, %d requests through the VIP, %d failed%n",
          drained.servers().get(0).seconds(), ready.seconds(), load.answers().size(), load.failed().size());
    }
  }

  /**
   * The application's deploy on web1: its server stopped, the checks see it down on both load
   * balancers while requests go on through web2, then a new server started.
   */
  private static void deployWeb1(RequestLoad load) throws Exception {
    ProcessHandle.of(lab.host("web1").pid()).orElseThrow().destroy();
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> status(host, "web1").startsWith("DOWN"))))
        .as("web1's server stopped: its checks fail").isTrue();
    load.awaitMore(100);
    redeployed = new ProcessBuilder("ip", "netns", "exec", lab.host("web1").namespace(), "python3",
        lab.directory().resolve("backend.py").toString(), lab.host("web1").address(), "80", "web1")
        .redirectErrorStream(true).redirectOutput(lab.directory().resolve("web1-redeployed.log").toFile()).start();
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
        .hasMessageContaining("no host was contacted")
        .hasMessageContaining("[lb1, lb2] lb.servers: 'web9' is no server of this load balancer's CMDB");
    HOSTS.forEach(host -> assertThat(adminState(host, "web1")).as(host + ": web1 untouched").isZero());
  }

  @Test
  @Order(4)
  void aDrainThatOutlastsItsTimeout_setsTheBusyServerToMaintenance_withAWarning_andLetsItsRequestEnd() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // No other load now: round robin gives web1 and web2 one each.
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      slow.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + vip + "/slow/" + SLOW_SECONDS)).timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(eventually(() -> sessions("lb1", "web2") >= 1)).as("web2's slow session on lb1").isTrue();
    synchronized (WARNINGS) {
      WARNINGS.clear();
    }

    RotationReport drained = pipeline().drain(servers(Duration.ofSeconds(1), "web2"));

    assertThat(drained.servers()).extracting(RotationReport.ServerOutcome::host, RotationReport.ServerOutcome::status, RotationReport.ServerOutcome::done)
        .containsExactly(tuple("lb1", "MAINT", false), tuple("lb2", "DRAIN", true));
    assertThat(List.copyOf(WARNINGS)).anySatisfy(warning -> assertThat(warning)
        .startsWith("[lb1] web/web2 still had 1 sessions after 1 s (lb.drainTimeout): set to maintenance"));
    assertThat(slow.stream().map(CompletableFuture::join).toList()).as("the slow requests still end well")
        .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200))
        .extracting(answer -> answer.body().strip()).containsExactlyInAnyOrder("web1", "web2");

    RotationReport ready = pipeline().ready(servers(Duration.ofSeconds(30), "web2"));

    assertThat(ready.servers()).extracting(RotationReport.ServerOutcome::status).containsExactly("UP", "UP");
    HOSTS.forEach(host -> assertThat(adminState(host, "web2")).as(host + ": web2 ready").isZero());
  }
}
