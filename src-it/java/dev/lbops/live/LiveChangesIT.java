package dev.lbops.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.deploy.DeployException;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.HostOutcome;
import dev.lbops.deploy.ServiceAction;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.rotation.RotationOptions;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * lb:deploy of server changes on two light hosts, under a bounded load of keep-alive requests
 * through the VIP: weights, a server added then removed, a new address, all through HAProxy's runtime API with
 * no new HAProxy process and no failed request; any other change still reloads, and a server's
 * runtime state outlives that reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveChangesIT {

  private static final List<String> HOSTS = List.of("lb1", "lb2");
  private static final String CHECK = "check inter 300ms rise 2 fall 2";

  private static Lab lab;
  private static Path cmdb;
  private static String subnet;
  private static String vip;

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("livechg", HostKind.LIGHT, 2, 3, Path.of("target/it-labs/livechg")), LbLog.NONE);
    subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), server("web2", 102, ""));
    for (String host : HOSTS) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 82", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      Lab.down(lab.directory(), LbLog.NONE);
    }
  }

  static List<String> server(String name, int address, String options) {
    return List.of("      - name: " + name, "        dst: " + subnet + "." + address + ":80",
        "        options: " + CHECK + options);
  }

  @SafeVarargs
  static void writeDefault(String check, List<String>... servers) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http",
        "    http:", "      - " + check, "      - option redispatch", "    server:"));
    for (List<String> server : servers) {
      lines.addAll(server);
    }
    lines.add("");
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n", lines));
  }

  static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>());
  }

  static DeployReport deploy() {
    RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "dev.lbops.it:livechg:1.0", false);
    return pipeline().deploy(render, new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10), false));
  }

  /** What HAProxy on the host answers to a runtime API command. */
  static String runtime(String host, String command) {
    return lab.run(lab.host(host), "python3", "-c",
        "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect('/run/haproxy/admin.sock')\n"
            + "s.sendall(sys.argv[1].encode()+b'\\n')\nprint(b''.join(iter(lambda: s.recv(65536), b'')).decode())",
        command).output();
  }

  /** The PID of the HAProxy process that serves, by host (the runtime API's {@code show info}). */
  static Map<String, String> haproxyPids() {
    return HOSTS.stream().collect(Collectors.toMap(host -> host, host -> runtime(host, "show info").lines()
        .filter(line -> line.startsWith("Pid: ")).findFirst().orElseThrow(() -> new AssertionError("no Pid on " + host))));
  }

  /** Each server of backend web in {@code show stat} on the host: name → {status, weight}. */
  static Map<String, List<String>> servers(String host) {
    return runtime(host, "show stat").lines().filter(line -> line.startsWith("web,") && !line.startsWith("web,BACKEND,"))
        .map(line -> line.split(",", -1))
        .collect(Collectors.toMap(fields -> fields[1], fields -> List.of(fields[17], fields[18])));
  }

  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  static void assertHaproxy(DeployReport report, ServiceAction action) {
    assertThat(report.hosts()).extracting(HostOutcome::host, HostOutcome::state)
        .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("lb1", HostOutcome.State.CHANGED),
            org.assertj.core.api.Assertions.tuple("lb2", HostOutcome.State.CHANGED));
    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.actions())
        .containsEntry("haproxy", action).containsEntry("keepalived", ServiceAction.NONE));
  }

  @Test
  @Order(1)
  void theFirstDeploy_bringsThePairUp() throws Exception {
    deploy();

    assertThat(eventually(() -> lab.run(lab.host("lb1"), "ip", "-o", "-4", "addr", "show", "dev", "eth0").output().contains(" " + vip + "/24")))
        .isTrue();
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> servers(host).values().stream().allMatch(s -> s.get(0).equals("UP")))))
        .as("web1 and web2 up on both").isTrue();
  }

  @Test
  @Order(2)
  void aWeightChange_isAppliedLive_underLoad_noRequestFails_noNewHaproxy_theWeightInShowStat() throws Exception {
    Map<String, String> before = haproxyPids();
    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), server("web2", 102, " weight 20"));
    try (RequestLoad load = new RequestLoad("http://" + vip + "/", 3, Duration.ofMillis(5))) {
      load.awaitMore(60);

      DeployReport report = deploy();
      load.awaitMore(100);

      assertHaproxy(report, ServiceAction.LIVE);
      assertThat(report.table()).anySatisfy(line -> assertThat(line).startsWith("lb1").contains("haproxy applied live"));
      assertThat(haproxyPids()).as("the same HAProxy process serves").isEqualTo(before);
      HOSTS.forEach(host -> assertThat(servers(host).get("web2")).as(host).containsExactly("UP", "20"));
      HOSTS.forEach(host -> assertThat(lab.run(lab.host(host), "cat", "/etc/haproxy/haproxy.cfg").output())
          .as(host + "'s file").contains("server web2 " + subnet + ".102:80 " + CHECK + " weight 20"));
      assertThat(load.answers()).extracting(RequestLoad.Answer::body).contains("web1", "web2");
      assertThat(load.failed()).as("failed requests of " + load.answers().size()).isEmpty();
      System.out.printf("weight live: %d requests through the VIP, %d failed%n", load.answers().size(), load.failed().size());
    }
  }

  @Test
  @Order(3)
  void aServerAdded_thenRemoved_live_underLoad_noRequestFails_noNewHaproxy() throws Exception {
    Map<String, String> before = haproxyPids();
    try (RequestLoad load = new RequestLoad("http://" + vip + "/", 3, Duration.ofMillis(5))) {
      load.awaitMore(60);
      writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), server("web2", 102, " weight 20"), server("web2b", 102, ""));

      DeployReport added = deploy();

      assertHaproxy(added, ServiceAction.LIVE);
      assertThat(eventually(() -> HOSTS.stream().allMatch(host -> "UP".equals(servers(host).getOrDefault("web2b", List.of("none")).get(0)))))
          .as("web2b added and up on both").isTrue();
      assertThat(eventually(() -> Integer.parseInt(runtime("lb1", "show stat").lines().filter(l -> l.startsWith("web,web2b,"))
          .findFirst().orElseThrow().split(",", -1)[7]) > 0)).as("web2b serves requests on lb1").isTrue();

      writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), server("web2", 102, " weight 20"));
      DeployReport removed = deploy();
      load.awaitMore(100);

      assertHaproxy(removed, ServiceAction.LIVE);
      HOSTS.forEach(host -> assertThat(servers(host)).as(host).containsOnlyKeys("web1", "web2"));
      assertThat(haproxyPids()).as("the same HAProxy process serves").isEqualTo(before);
      assertThat(load.failed()).as("failed requests of " + load.answers().size()).isEmpty();
      System.out.printf("add+remove live: %d requests through the VIP, %d failed%n", load.answers().size(), load.failed().size());
    }
  }

  /** Where the host's HAProxy sends web2: {@code <ip>:<port>} from {@code show servers state}. */
  static String web2Address(String host) {
    String[] fields = runtime(host, "show servers state web").lines().filter(line -> line.contains(" web2 ")).findFirst()
        .orElseThrow(() -> new AssertionError("no web2 on " + host)).split(" ");
    return fields[4] + ":" + fields[18];
  }

  @Test
  @Order(4)
  void aNewAddress_isAppliedLive_underLoad_noRequestFails_noNewHaproxy() throws Exception {
    Map<String, String> before = haproxyPids();
    try (RequestLoad load = new RequestLoad("http://" + vip + "/", 3, Duration.ofMillis(5))) {
      load.awaitMore(60);
      writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), server("web2", 103, " weight 20"));

      DeployReport report = deploy();
      int then = load.answers().size();
      load.awaitMore(100);

      assertHaproxy(report, ServiceAction.LIVE);
      assertThat(haproxyPids()).as("the same HAProxy process serves").isEqualTo(before);
      HOSTS.forEach(host -> assertThat(web2Address(host)).as(host).isEqualTo(subnet + ".103:80"));
      HOSTS.forEach(host -> assertThat(servers(host).get("web2")).as(host).containsExactly("UP", "20"));
      assertThat(load.answers().subList(then, load.answers().size())).extracting(RequestLoad.Answer::body)
          .as("web2's requests go to its new address, the third web server").contains("web3");
      assertThat(load.failed()).as("failed requests of " + load.answers().size()).isEmpty();
      System.out.printf("new address live: %d requests through the VIP, %d failed%n", load.answers().size(), load.failed().size());
    }
  }

  /**
   * The post-deploy check sees a check at the new address: nothing listens there, so it fails. With
   * checks 8 s apart, the last check web2 passed at its old address would still be its last when the
   * post-deploy check ran, were the move not to count it as just up. The same deploy disables web3
   * live: the restore puts it back in rotation before its reload, which would else keep it out.
   */
  @Test
  @Order(5)
  void aNewAddressWhereNothingListens_failsThePostDeployCheck_andTheHostIsRestored() throws Exception {
    List<String> slowChecks = server("web2", 103, " weight 20 inter 8s");
    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), slowChecks, server("web3", 102, ""));
    deploy();
    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), slowChecks.stream()
        .map(line -> line.replace(".103:80", ".103:81")).toList(), server("web3", 102, " disabled"));

    assertThatThrownBy(LiveChangesIT::deploy).as("web2's requests redispatched to web1, the frontend answers")
        .isInstanceOf(DeployException.class).hasMessageContaining("down on").hasMessageContaining("web/web2");

    HOSTS.forEach(host -> assertThat(lab.run(lab.host(host), "cat", "/etc/haproxy/haproxy.cfg").output())
        .as(host + "'s file").contains("server web2 " + subnet + ".103:80 ").doesNotContain(".103:81"));
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> web2Address(host).equals(subnet + ".103:80")
        && servers(host).get("web2").get(0).equals("UP")))).as("web2 up at its old address on both").isTrue();
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> servers(host).get("web3").get(0).equals("UP"))))
        .as("web3 back in rotation on both").isTrue();
    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), slowChecks, server("web3", 102, ""));
  }

  /** A server disabled live is in maintenance, as meant: the post-deploy check passes. */
  @Test
  @Order(6)
  void aServerDisabledLive_passesThePostDeployCheck_andIsEnabledAgainLive() throws Exception {
    List<String> slowChecks = server("web2", 103, " weight 20 inter 8s");
    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), slowChecks, server("web3", 102, " disabled"));

    assertHaproxy(deploy(), ServiceAction.LIVE);
    HOSTS.forEach(host -> assertThat(servers(host).get("web3").get(0)).as(host).isEqualTo("MAINT"));

    writeDefault("option httpchk OPTIONS /", server("web1", 101, ""), slowChecks, server("web3", 102, ""));
    assertHaproxy(deploy(), ServiceAction.LIVE);
    assertThat(eventually(() -> HOSTS.stream().allMatch(host -> servers(host).get("web3").get(0).equals("UP"))))
        .as("web3 in rotation again on both").isTrue();
  }

  @Test
  @Order(7)
  void theNextRunWithoutChanges_writesNothing() {
    DeployReport report = deploy();

    assertThat(report.hosts()).allSatisfy(host -> {
      assertThat(host.state()).isEqualTo(HostOutcome.State.UNCHANGED);
      assertThat(host.changedFiles()).isEmpty();
    });
  }

  /**
   * A change outside servers reloads (a new HAProxy process); a server drained through the runtime
   * API stays drained over that reload (the state saved before it, loaded by the new process, then
   * removed, so that a later start does not take it up again).
   */
  @Test
  @Order(8)
  void aChangeOutsideServers_stillReloads_andARuntimeDrainSurvivesTheReload() throws Exception {
    pipeline().drain(new RotationOptions(List.of("web1"), Duration.ofSeconds(10), HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10), false));
    HOSTS.forEach(host -> assertThat(servers(host).get("web1").get(0)).as(host).isEqualTo("DRAIN"));
    Map<String, String> before = haproxyPids();
    writeDefault("option httpchk GET /", server("web1", 101, ""), server("web2", 102, " weight 20"));

    DeployReport report = deploy();

    assertHaproxy(report, ServiceAction.RELOAD);
    Map<String, String> after = haproxyPids();
    HOSTS.forEach(host -> assertThat(after.get(host)).as(host + ": a new HAProxy process").isNotEqualTo(before.get(host)));
    HOSTS.forEach(host -> assertThat(servers(host).get("web1").get(0)).as(host + ": web1 still drained").isEqualTo("DRAIN"));
    HOSTS.forEach(host -> assertThat(servers(host).get("web2").get(1)).as(host + ": web2's weight").isEqualTo("20"));
    HOSTS.forEach(host -> assertThat(lab.run(lab.host(host), "sh", "-c",
        "test -e /var/lib/haproxy/server-state && echo kept || echo gone").output().strip())
        .as(host + ": the saved state, loaded, is removed").isEqualTo("gone"));
  }
}
