package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.ssh.HostKeys;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.DrillResult;
import dev.lbops.verify.VerifyOptions;
import dev.lbops.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** lb:deploy against a lab of two full hosts (systemd, apt) and two backends, in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {

  private static Lab lab;
  private static Path cmdb;
  private static String subnet;
  private static String vip;

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("deployit", HostKind.FULL, 2, 2, Path.of("target/it-labs/deployit")), LbLog.NONE);
    subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    writeDefault("check inter 1s", "");
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 51", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  private static void writeDefault(String serverOptions, String extra) throws IOException {
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http", "    http:", "      - option httpchk OPTIONS /",
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: " + serverOptions,
        "      - name: web2", "        dst: " + subnet + ".102:80", "        options: " + serverOptions, extra, ""));
  }

  /** Every debug line of the deploys, among them one per SSH round trip ("[lb1] 0.012 s, exit 0: ..."). */
  private static final List<String> DEBUG = Collections.synchronizedList(new ArrayList<>());

  private static final LbLog DEBUG_ONLY = new LbLog() {
    @Override public void debug(String message) { DEBUG.add(message); }
    @Override public void info(String message) {}
    @Override public void warn(String message) {}
    @Override public void error(String message) {}
  };

  private static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.of(new ServerCredentials(id, "ops", Secret.of("St4tsPw"), "", null)), DEBUG_ONLY, new HashSet<>());
  }

  private static DeployReport deploy(boolean dryRun, boolean checkLocally, Path knownHosts, Duration lockTimeout) {
    RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "deployit", checkLocally);
    return pipeline().deploy(render, new DeployOptions(dryRun, Set.of(), 0, true, HostKeys.strict(knownHosts), Duration.ofSeconds(5), Duration.ofSeconds(300), lockTimeout, false));
  }

  private static DeployReport deploy() {
    return deploy(false, true, lab.knownHosts(), Duration.ofSeconds(30));
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  private static String fromClient(String url) {
    Lab.Output output = lab.run(lab.host("client"), "curl", "-s", "-m", "2", url);
    return output.exit() == 0 ? output.output().strip() : "FAILED";
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  private static Map<String, String> pids(String host) {
    return Map.of(
        "haproxy", on(host, "systemctl show -p MainPID --value haproxy").strip(),
        "keepalived", on(host, "systemctl show -p MainPID --value keepalived").strip(),
        "haproxy.cfg", on(host, "stat -c %Y /etc/haproxy/haproxy.cfg").strip());
  }

  @Test
  @Order(1)
  void aFreshDeploy_installsConfiguresAndStartsBothHosts_andTheVipBalancesOverBothBackends() throws Exception {
    assertThat(on("lb1", "command -v haproxy || echo none").strip()).as("a fresh host").isEqualTo("none");

    DeployReport report = deploy();

    assertThat(report.hosts()).extracting(HostOutcome::host).containsExactly("lb1", "lb2"); // Keepalived runs nowhere yet: master first
    assertThat(report.hosts()).allSatisfy(host -> {
      assertThat(host.state()).isEqualTo(HostOutcome.State.CHANGED);
      assertThat(host.changedFiles()).contains("/etc/haproxy/haproxy.cfg", "/etc/keepalived/keepalived.conf");
    });
    assertThat(on("lb1", "stat -c '%a %U' /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf")).isEqualTo("600 root\n600 root\n");
    assertThat(eventually(() -> on("lb1", "ip -o -4 addr show dev eth0").contains(" " + vip + "/24"))).as("the master holds the VIP").isTrue();
    assertThat(eventually(() -> fromClient("http://" + vip + "/").startsWith("web"))).isTrue();
    Set<String> answers = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      answers.add(fromClient("http://" + vip + "/"));
    }
    assertThat(answers).containsExactlyInAnyOrder("web1", "web2");
  }

  @Test
  @Order(2)
  void aRerunWithNoChange_writesNothingAndReloadsNothing_inOneRoundTripPerHost() {
    Map<String, String> lb1 = pids("lb1");
    Map<String, String> lb2 = pids("lb2");
    DEBUG.clear();

    DeployReport report = deploy();

    assertThat(DEBUG).filteredOn(line -> line.matches("\\[lb\\d] [0-9.]+ s, exit .*")).as("SSH round trips: one per host")
        .extracting(line -> line.substring(0, 5)).containsExactlyInAnyOrder("[lb1]", "[lb2]");

    assertThat(report.hosts()).allSatisfy(host -> {
      assertThat(host.state()).isEqualTo(HostOutcome.State.UNCHANGED);
      assertThat(host.changedFiles()).isEmpty();
      assertThat(host.actions()).containsOnly(Map.entry("haproxy", ServiceAction.NONE), Map.entry("keepalived", ServiceAction.NONE));
    });
    assertThat(pids("lb1")).isEqualTo(lb1);
    assertThat(pids("lb2")).isEqualTo(lb2);
  }

  @Test
  @Order(2)
  void aCommentEditedInTheCmdb_changesOnlyTheHeader_andSoNothingOnTheHosts() throws IOException {
    Map<String, String> lb1 = pids("lb1");
    Files.writeString(cmdb.resolve("default.yml"), "# a comment\n" + Files.readString(cmdb.resolve("default.yml")));

    DeployReport report = deploy();

    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.UNCHANGED);
    assertThat(pids("lb1")).isEqualTo(lb1);
  }

  @Test
  @Order(3)
  void aConfigChange_reloadsWithoutAFailedRequest_underABoundedRequestLoop() throws Exception {
    writeDefault("check inter 2s", "");
    AtomicBoolean deploying = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
      long deadline = System.currentTimeMillis() + 60_000;
      while ((deploying.get() || sent.get() < 20) && sent.get() < 2000 && System.currentTimeMillis() < deadline) {
        String answer = fromClient("http://" + vip + "/");
        sent.incrementAndGet();
        if (!answer.startsWith("web")) {
          synchronized (failures) {
            failures.add(answer);
          }
        }
      }
    });
    String masterPid = pids("lb1").get("haproxy");
    try {
      DeployReport report = deploy();
      assertThat(report.hosts()).allSatisfy(host -> assertThat(host.actions()).containsEntry("haproxy", ServiceAction.RELOAD));
    } finally {
      deploying.set(false);
      load.get();
    }

    assertThat(sent.get()).as("requests sent during the deploy").isGreaterThanOrEqualTo(20);
    assertThat(failures).as("failed of %d requests", sent.get()).isEmpty();
    assertThat(pids("lb1").get("haproxy")).as("reloaded, not restarted").isEqualTo(masterPid);
  }

  @Test
  @Order(4)
  void aConfigHaproxyRefusesOnTheHost_isNeverActivated_andTheOldConfigKeepsServing() throws IOException {
    String before = on("lb1", "sha256sum /etc/haproxy/haproxy.cfg");
    Map<String, String> pids = pids("lb1");
    writeDefault("check inter 2s", "HAProxy::maxconn: 100\n");
    Files.writeString(cmdb.resolve("default.yml"), Files.readString(cmdb.resolve("default.yml")).replace("option httpchk OPTIONS /", "option forwardforx"));

    assertThatThrownBy(() -> deploy(false, false, lab.knownHosts(), Duration.ofSeconds(30)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("Deploy failed before any host was changed")
        .hasMessageContaining("the new /etc/haproxy/haproxy.cfg fails 'haproxy' on the host and was not activated")
        .hasMessageContaining("forwardforx");
    assertThat(on("lb1", "sha256sum /etc/haproxy/haproxy.cfg")).isEqualTo(before);
    assertThat(pids("lb1")).isEqualTo(pids);
    assertThat(on("lb1", "ls /etc/haproxy")).doesNotContain(".lb-new");
    assertThat(fromClient("http://" + vip + "/")).startsWith("web");
  }

  @Test
  @Order(5)
  void aWrongHostKey_isRefused_andNothingIsChanged() throws IOException {
    writeDefault("check inter 2s", "");
    List<String> lines = Files.readAllLines(lab.knownHosts());
    Path swapped = lab.directory().resolve("known_hosts.swapped");
    Files.write(swapped, List.of(lines.get(0).split(" ")[0] + " " + lines.get(1).split(" ", 2)[1], lines.get(1)));
    String before = on("lb1", "sha256sum /etc/haproxy/haproxy.cfg");

    assertThatThrownBy(() -> deploy(false, true, swapped, Duration.ofSeconds(30)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("lb1: refused to connect")
        .hasMessageContaining("host key CHANGED");
    assertThat(on("lb1", "sha256sum /etc/haproxy/haproxy.cfg")).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aDeployWhileAnotherHoldsTheLock_waitsThenFailsClearly_unlessItChangesNothing() throws IOException {
    on("lb2", "touch /run/lb-maven-plugin.lock");
    try {
      assertThat(deploy(false, true, lab.knownHosts(), Duration.ofSeconds(2)).hosts())
          .as("a host that needs nothing is only read, never locked")
          .extracting(HostOutcome::state)
          .containsOnly(HostOutcome.State.UNCHANGED);
      writeDefault("check inter 1s", "");
      assertThatThrownBy(() -> deploy(false, true, lab.knownHosts(), Duration.ofSeconds(2)))
          .isInstanceOf(DeployException.class)
          .hasMessageContaining("lb2: another deploy holds the host's lock")
          .hasMessageContaining("held since 20");
      assertThat(on("lb2", "test -e /run/lb-maven-plugin.lock && echo held || echo free").strip()).as("the other deploy's lock is left alone").isEqualTo("held");
    } finally {
      on("lb2", "rm -f /run/lb-maven-plugin.lock");
    }
    assertThat(on("lb1", "test -e /run/lb-maven-plugin.lock && echo held || echo free").strip()).as("lb1's lock was released").isEqualTo("free");
  }

  @Test
  @Order(7)
  void aDiff_showsWhatWouldChange_withSecretsRedacted_andChangesNothing() throws IOException {
    writeDefault("check inter 2s", "stats:\n  enabled: true\n  bind: '" + vip + ":8404'\n  server_id: lb-stats\n");
    String before = on("lb1", "sha256sum /etc/haproxy/haproxy.cfg");

    DeployReport report = deploy(true, true, lab.knownHosts(), Duration.ofSeconds(30));

    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.state()).isEqualTo(HostOutcome.State.WOULD_CHANGE));
    String diffs = String.join("\n", report.diffs());
    assertThat(diffs).contains("+++ lb1:/etc/haproxy/haproxy.cfg (rendered)", "+  stats auth ops:******").doesNotContain("St4tsPw");
    assertThat(on("lb1", "sha256sum /etc/haproxy/haproxy.cfg")).isEqualTo(before);
  }

  @Test
  @Order(8)
  void anUnreachableHost_failsWithItsName_beforeAnyHostIsChanged() throws IOException {
    writeDefault("check inter 1s", "");
    Path inventory = lab.directory().resolve("server-with-lb3.ini");
    String lines = Files.readString(lab.inventory());
    Files.writeString(inventory, lines.replace("[web]", "lb3 address=" + subnet + ".99 user=root private_key=" + lab.clientKey() + "\n\n[web]"));
    Files.writeString(cmdb.resolve("lb3.yml"), "maxconn: 100\n");
    String before = on("lb1", "sha256sum /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf");
    try {
      ClusterSpec spec = new ClusterSpec(List.of(), inventory, "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
      ClusterOperations pipeline = new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>());
      RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "deployit", true);
      DeployOptions options = new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(10), false);

      assertThatThrownBy(() -> pipeline.deploy(render, options))
          .isInstanceOf(DeployException.class)
          .hasMessageContaining("Deploy failed before any host was changed")
          .hasMessageContaining("lb3: cannot connect to " + subnet + ".99:22")
          .satisfies(e -> assertThat(((DeployException) e).report().hosts())
              .filteredOn(host -> !host.host().equals("lb3")).extracting(HostOutcome::state).containsOnly(HostOutcome.State.NOT_CHANGED));
    } finally {
      Files.delete(cmdb.resolve("lb3.yml"));
    }
    assertThat(on("lb1", "sha256sum /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf")).isEqualTo(before);
  }

  @Test
  @Order(9)
  void aUserOtherThanRoot_deploysThroughSudo() throws IOException {
    for (String host : List.of("lb1", "lb2")) {
      on(host, "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sudo >/dev/null && useradd -m -s /bin/sh deployer"
          + " && mkdir -p ~deployer/.ssh && cp /root/.ssh/authorized_keys ~deployer/.ssh/ && chown -R deployer ~deployer/.ssh"
          + " && echo 'deployer ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/deployer");
    }
    Path inventory = lab.directory().resolve("server-deployer.ini");
    Files.writeString(inventory, Files.readString(lab.inventory()).replace("user=root", "user=deployer"));
    writeDefault("check inter 1s", "HAProxy::maxconn: 3000\n");

    ClusterSpec spec = new ClusterSpec(List.of(), inventory, "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "deployit", true);
    DeployReport report = new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>())
        .deploy(render, new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false));

    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.actions()).containsEntry("haproxy", ServiceAction.RELOAD));
    assertThat(on("lb1", "grep -c 'maxconn 3000' /etc/haproxy/haproxy.cfg").strip()).isEqualTo("1");
    assertThat(on("lb1", "stat -c '%a %U' /etc/haproxy/haproxy.cfg").strip()).isEqualTo("600 root");
    assertThat(fromClient("http://" + vip + "/")).startsWith("web");
  }

  @Test
  @Order(10)
  void underSystemd_verifyPasses_andTheDrillFailsOverAndBack() {
    VerifyOptions options = new VerifyOptions(HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(60),
        List.of(DrillMode.GRACEFUL, DrillMode.NODE_LOSS), 0, Duration.ofMillis(50), Duration.ofMillis(300), "", Duration.ZERO);
    RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "deployit", false);

    VerifyReport report = pipeline().verify(render, options);

    assertThat(report.failures()).isEmpty();
    assertThat(report.drills()).extracting(DrillResult::mode).containsExactly(DrillMode.GRACEFUL, DrillMode.NODE_LOSS);
    assertThat(report.drills()).allSatisfy(drill -> {
      assertThat(drill.vipOnBackupAt()).isGreaterThan(drill.masterStoppedAt());
      assertThat(drill.vipBackAt()).isGreaterThan(drill.masterBackAt());
    });
    assertThat(report.drills()).allSatisfy(drill -> assertThat(drill.failedDuringFailback()).as("a lossless fail-back").isZero());
    assertThat(on("lb1", "systemctl is-active haproxy keepalived")).isEqualTo("active\nactive\n");
    assertThat(on("lb1", "ip -o addr show dev eth0")).contains(" " + vip + "/24");

    assertThat(on("lb1", "systemctl is-enabled lb-maven-plugin-handover")).isEqualTo("enabled\n");
    on("lb1", "/usr/local/sbin/lb-maven-plugin-handover off");
    on("lb1", "systemctl restart lb-maven-plugin-handover");
    assertThat(on("lb1", "/usr/local/sbin/lb-maven-plugin-handover check && echo in place")).as("the boot unit puts the rules back").contains("in place");
  }

  @Test
  @Order(11)
  void theClientIpMode_isSetUpPersistedAndIdempotent_andTheServersSeeTheClient() throws IOException {
    writeDefault("check inter 1s", "");
    Files.writeString(cmdb.resolve("default.yml"), Files.readString(cmdb.resolve("default.yml"))
        .replace("    balance: roundrobin", "    balance: roundrobin\n    send_client_ip: 1") + "haproxy_user: root\nhaproxy_group: root\n");
    lab.routeBackends(vip, List.of(lab.state().gateway(), lab.host("client").address()));

    DeployReport report = deploy();

    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.changedFiles()).contains("/usr/local/sbin/lb-maven-plugin-client-ip"));
    assertThat(on("lb1", "systemctl is-enabled lb-maven-plugin-client-ip; cat /proc/sys/net/ipv4/conf/all/forwarding")).isEqualTo("enabled\n1\n");
    assertThat(on("lb1", "test -e /etc/keepalived/lb-maven-plugin-handover.conf || echo gone; iptables -t mangle -S | grep -c LB_HANDOVER; ip -o addr show dev lo label lo:lb | wc -l"))
        .as("no handover in client-IP mode: the servers' replies come through the holder").isEqualTo("gone\n0\n0\n");
    Lab.Output answer = lab.run(lab.host("client"), "curl", "-si", "-m", "2", "http://" + vip + "/");
    assertThat(answer.output()).containsIgnoringCase("X-Peer-Address: " + lab.host("client").address());

    on("lb1", "iptables -t mangle -F; iptables -t mangle -X DIVERT; ip rule del fwmark 777 lookup 700");
    on("lb1", "systemctl restart lb-maven-plugin-client-ip");
    assertThat(on("lb1", "/usr/local/sbin/lb-maven-plugin-client-ip check && echo in place")).as("the boot unit puts the rules back").contains("in place");

    assertThat(deploy().hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.UNCHANGED);
  }

  @Test
  @Order(12)
  void aUserWhoseSudoAsksForAPassword_deploysWithThePasswordFromSettings() throws IOException {
    for (String host : List.of("lb1", "lb2")) {
      assertThat(on(host, "useradd -m -s /bin/sh lbsudo && echo 'lbsudo:0per-Pw' | chpasswd"
          + " && mkdir -p ~lbsudo/.ssh && cp /root/.ssh/authorized_keys ~lbsudo/.ssh/ && chown -R lbsudo ~lbsudo/.ssh"
          + " && echo 'lbsudo ALL=(ALL) ALL' > /etc/sudoers.d/lbsudo && echo ready 2>&1")).endsWith("ready\n");
    }
    Path inventory = lab.directory().resolve("server-lbsudo.ini");
    Files.writeString(inventory, Files.readString(lab.inventory()).replace("user=root", "user=lbsudo server_id=lbsudo-login"));
    writeDefault("check inter 1s", "HAProxy::maxconn: 2500\n");
    ClusterSpec spec = new ClusterSpec(List.of(), inventory, "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    RenderOptions render = new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "deployit", true);
    DeployOptions options = new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false);

    assertThatThrownBy(() -> new ClusterOperations(spec, id -> Optional.of(new ServerCredentials(id, "", null, "", null)), LbLog.NONE, new HashSet<>())
        .deploy(render, options))
        .as("without the password").isInstanceOf(DeployException.class).hasMessageContaining("a password is required");

    DeployReport report = new ClusterOperations(spec, id -> Optional.of(new ServerCredentials(id, "", Secret.of("0per-Pw"), "", null)), LbLog.NONE, new HashSet<>())
        .deploy(render, options);

    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.actions()).containsEntry("haproxy", ServiceAction.RELOAD));
    assertThat(on("lb1", "grep -c 'maxconn 2500' /etc/haproxy/haproxy.cfg").strip()).isEqualTo("1");
  }

  @Test
  @Order(13)
  void aReloadThatHaproxyRefusesUnderSystemd_isCaught_restored_andReported() throws IOException {
    writeDefault("check inter 1s", "listen:\n  - name: clash\n    bind: '*:22'\n    mode: tcp\n    server:\n      - name: s\n        dst: " + subnet + ".101:80\n");
    String before = on("lb2", "sha256sum /etc/haproxy/haproxy.cfg");

    assertThatThrownBy(() -> deploy(false, true, lab.knownHosts(), Duration.ofSeconds(30)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("lb2: activation failed: haproxy did not take the new configuration")
        .hasMessageContaining("restored its previous configuration");
    assertThat(on("lb2", "sha256sum /etc/haproxy/haproxy.cfg")).isEqualTo(before);
    assertThat(fromClient("http://" + vip + "/")).startsWith("web");
  }

  @Test
  @Order(14)
  void theHostsOwnOperatingSystem_selectsTheOperatingSystemsCmdbFiles_asRexDoes() throws IOException {
    writeDefault("check inter 1s", "");
    Path debian = cmdb.resolve("Debian");
    Files.createDirectories(debian);
    Files.writeString(debian.resolve("default.yml"), "maxconn: 1234\n");
    try {
      DeployReport report = deploy();

      assertThat(report.hosts()).allSatisfy(host -> assertThat(host.changedFiles()).contains("/etc/haproxy/haproxy.cfg"));
      assertThat(on("lb1", "grep -c 'maxconn 1234' /etc/haproxy/haproxy.cfg").strip()).as("cmdb/Debian/default.yml applied").isEqualTo("1");
    } finally {
      Files.delete(debian.resolve("default.yml"));
      Files.delete(debian);
    }
  }
}
