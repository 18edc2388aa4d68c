package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.Checksums;
import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import dev.lbops.verify.VerifyOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a deploy must not do by mistake, on two light hosts: overwrite a config edited on a host,
 * remove every proxy of a pair that serves; and flags that must change nothing (lb:setup
 * -Dlb.dryRun, the skips), run through Maven as a user would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandEditIT {

  private static final List<String> HOSTS = List.of("lb1", "lb2");
  private static final String STATE = "/var/lib/lb-maven-plugin/state.json";

  private static Lab lab;
  private static Path cmdb;
  private static String vip;

  /** Every line the deploys log at error level, such as a refused host's diff. */
  private static final List<String> ERRORS = Collections.synchronizedList(new ArrayList<>());

  private static final LbLog ERRORS_ONLY = new LbLog() {
    @Override public void debug(String message) {}
    @Override public void info(String message) {}
    @Override public void warn(String message) {}
    @Override public void error(String message) { ERRORS.add(message); }
  };

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("handit", HostKind.LIGHT, 2, 1, Path.of("target/it-labs/handit")), LbLog.NONE);
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    writeDefault(true, "");
    for (String host : HOSTS) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 71", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
    Files.writeString(lab.directory().resolve("settings.xml"),
        "<settings><servers><server><id>lb-stats</id><username>ops</username><password>St4tsPw</password></server></servers></settings>\n");
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  /** The pair's CMDB: a frontend on the VIP (or none) and the stats page, plus {@code extra}. */
  private static void writeDefault(boolean frontend, String extra) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http",
        "    server:", "      - name: web1", "        dst: " + lab.state().subnet() + ".101:80", "        options: check",
        "stats:", "  enabled: true", "  bind: '" + vip + ":8404'", "  server_id: lb-stats"));
    if (frontend) {
      lines.addAll(List.of("frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web"));
    }
    lines.add(extra);
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n", lines));
  }

  private static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.of(new ServerCredentials(id, "ops", Secret.of("St4tsPw"), "", null)), ERRORS_ONLY, new HashSet<>());
  }

  private static RenderOptions render() {
    return new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "dev.lbops.it:handit:1.0", false);
  }

  private static DeployReport deploy(boolean dryRun, boolean force) {
    return pipeline().deploy(render(), new DeployOptions(dryRun, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10), force));
  }

  private static List<String> status() {
    return pipeline().status(render(), new VerifyOptions(HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(60),
        List.of(), 0, Duration.ofMillis(50), Duration.ofMillis(300), "", Duration.ZERO));
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  /**
   * What a change on a host would alter: the configs, the record, the daemons' PIDs (a reload
   * starts a new HAProxy), a lock or a file left beside the configs.
   */
  private static Map<String, String> snapshot() {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (String host : HOSTS) {
      hosts.put(host, on(host, "sha256sum /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf " + STATE
          + "; cat /run/haproxy.pid /run/keepalived.pid; ls /run/lb-maven-plugin.lock /etc/haproxy /etc/keepalived 2>&1"));
    }
    return hosts;
  }

  private static String fromClient(String url) {
    Lab.Output output = lab.run(lab.host("client"), "curl", "-s", "-m", "2", url);
    return output.exit() == 0 ? output.output().strip() : "FAILED";
  }

  /** What the client gets through the VIP once the pair serves it (VRRP elects a master first). */
  private static String servedThroughTheVip() throws InterruptedException {
    for (int i = 0; i < 100 && !fromClient("http://" + vip + "/").startsWith("web1"); i++) {
      Thread.sleep(100);
    }
    return fromClient("http://" + vip + "/");
  }

  /** The body checksum of a config as rendered for {@code host}. */
  private static String renderedSum(String host, String path) throws IOException {
    return Checksums.sha256(RenderedFile.body(Files.readString(lab.directory().resolve("rendered/" + host + path))));
  }

  /** Runs Maven without a pom, as a user would on a folder with a CMDB, with the plugin invoker:install put in place. */
  private static String mvn(String... arguments) throws Exception {
    String plugin = "dev.lbops:lb-maven-plugin:" + System.getProperty("lb.pluginVersion") + ":";
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
        "-s", lab.directory().resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + System.getProperty("lb.it.localRepository"),
        "-Dlb.inventory=" + lab.inventory(), "-Dlb.cmdbDirectory=" + cmdb,
        "-Dlb.knownHosts=" + lab.knownHosts(), "-Dlb.outputDirectory=" + lab.directory().resolve("mvn"),
        "-Dlb.settleSeconds=5"));
    for (String argument : arguments) {
      command.add(argument.startsWith("-") ? argument : plugin + argument);
    }
    Process process = new ProcessBuilder(command).directory(lab.directory().toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  @Order(1)
  void aDeploy_recordsOnEachHostWhatItGot_rootOnly() throws Exception {
    DeployReport report = deploy(false, false);

    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    for (String host : HOSTS) {
      String record = on(host, "stat -c '%a %U' " + STATE + "; cat " + STATE);
      assertThat(record).as(host)
          .startsWith("600 root\n")
          .contains("\"producedFor\": \"dev.lbops.it:handit:1.0\"", "\"pluginVersion\": \"" + System.getProperty("lb.pluginVersion") + "\"")
          .contains("\"/etc/haproxy/haproxy.cfg\": \"" + renderedSum(host, "/etc/haproxy/haproxy.cfg") + "\"")
          .contains("\"/etc/keepalived/keepalived.conf\": \"" + renderedSum(host, "/etc/keepalived/keepalived.conf") + "\"");
    }
    assertThat(servedThroughTheVip()).startsWith("web1");
  }

  @Test
  @Order(2)
  void setupAsADryRun_andEverySkip_changeNothingOnAnyHost_thoughADeployWould() throws Exception {
    writeDefault(true, "maxconn: 3000");
    Map<String, String> before = snapshot();

    String dryRun = mvn("setup", "-Dlb.dryRun", "-Dlb.drill");
    String skips = mvn("deploy", "verify", "setup", "-Dlb.deploy.skip", "-Dlb.verify.skip", "-Dlb.drill");
    String skipped = mvn("setup", "deploy", "verify", "diff", "status", "-Dlb.skip", "-Dlb.drill");
    String setupSkipped = mvn("setup", "-Dlb.setup.skip", "-Dlb.drill");

    assertThat(dryRun).contains("+  maxconn 3000", "lb:setup: a dry run (lb.dryRun) changes nothing on any host: no checks, no drills.")
        .doesNotContain("St4tsPw", "activating");
    assertThat(skips).contains("lb:deploy is skipped.", "lb:verify is skipped.",
        "lb:setup: the deploy is skipped (lb.deploy.skip).", "lb:setup: the checks are skipped (lb.verify.skip).");
    for (String goal : List.of("setup", "deploy", "verify", "diff", "status")) {
      assertThat(skipped).contains("lb:" + goal + " is skipped.");
    }
    assertThat(setupSkipped).contains("lb:setup is skipped.");
    assertThat(snapshot()).isEqualTo(before);
    writeDefault(true, "");
  }

  @Test
  @Order(3)
  void aHandEdit_isShownByStatusAndDiff_asEditedOnTheHostSinceTheLastDeploy() {
    on("lb1", "sed -i 's/balance roundrobin/balance leastconn/' /etc/haproxy/haproxy.cfg");

    List<String> status = status();
    DeployReport diff = deploy(true, false);

    assertThat(status).filteredOn(line -> line.contains("edited on the host since the last deploy")).singleElement().asString()
        .contains("lb-maven-plugin " + System.getProperty("lb.pluginVersion") + " for dev.lbops.it:handit:1.0 at 20")
        .endsWith("/etc/haproxy/haproxy.cfg; a deploy that would change it is refused without -Dlb.force (lb:diff shows the edit)");
    assertThat(status).anySatisfy(line -> assertThat(line).startsWith("lb1 ").endsWith("differs: /etc/haproxy/haproxy.cfg"));
    assertThat(diff.hosts()).extracting(HostOutcome::host, HostOutcome::state).containsExactly(
        tuple("lb2", HostOutcome.State.UNCHANGED), tuple("lb1", HostOutcome.State.WOULD_CHANGE));
    assertThat(diff.diffs()).singleElement().asString()
        .contains("--- lb1:/etc/haproxy/haproxy.cfg (edited on the host since the last deploy)", "-  balance leastconn", "+  balance roundrobin");
  }

  @Test
  @Order(4)
  void aDeployOverTheHandEdit_isRefusedWithTheDiff_andChangesNothingOnAnyHost() throws IOException {
    writeDefault(true, "maxconn: 3000");
    Map<String, String> before = snapshot();
    ERRORS.clear();

    assertThatThrownBy(() -> deploy(false, false))
        .isInstanceOf(DeployException.class)
        .hasMessageStartingWith("Deploy refused, no host was changed: lb1: /etc/haproxy/haproxy.cfg was edited on the host since the last deploy")
        .hasMessageContaining("Take the edit into the CMDB and deploy again, or overwrite it with -Dlb.force")
        .satisfies(e -> assertThat(((DeployException) e).report().hosts()).extracting(HostOutcome::host, HostOutcome::state).containsExactly(
            tuple("lb2", HostOutcome.State.NOT_CHANGED), tuple("lb1", HostOutcome.State.REFUSED)));
    assertThat(ERRORS).contains("[lb1] -  balance leastconn", "[lb1] +  balance roundrobin", "[lb1] +  maxconn 3000")
        .noneMatch(line -> line.contains("St4tsPw"));
    assertThat(snapshot()).as("lb2 would have changed too").isEqualTo(before);
  }

  @Test
  @Order(5)
  void withForce_theDeployOverwritesTheEdit_andConverges() throws Exception {
    DeployReport report = deploy(false, true);

    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(on("lb1", "grep -c -e 'balance roundrobin' -e 'maxconn 3000' /etc/haproxy/haproxy.cfg").strip()).isEqualTo("2");
    assertThat(on("lb1", "cat " + STATE)).contains("\"/etc/haproxy/haproxy.cfg\": \"" + renderedSum("lb1", "/etc/haproxy/haproxy.cfg") + "\"");
    assertThat(status()).noneMatch(line -> line.contains("edited on the host"));
    assertThat(servedThroughTheVip()).startsWith("web1");
  }

  @Test
  @Order(6)
  void aRerunWithNoChange_changesNothing() {
    Map<String, String> before = snapshot();

    DeployReport report = deploy(false, false);

    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.UNCHANGED);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(7)
  void aChangeThatRemovesEveryFrontend_isRefusedOnEachHost_andGoesThroughOnlyWithForce() throws Exception {
    writeDefault(false, "maxconn: 3000");
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> deploy(false, false))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("lb2: the new /etc/haproxy/haproxy.cfg has no frontend or listen section (besides the stats page), where the host has www today")
        .hasMessageContaining("lb1: the new /etc/haproxy/haproxy.cfg has no frontend or listen section");
    assertThat(snapshot()).isEqualTo(before);

    DeployReport forced = deploy(false, true);

    assertThat(forced.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(on("lb1", "grep -c '^frontend www' /etc/haproxy/haproxy.cfg").strip()).isEqualTo("0");
    assertThat(fromClient("http://" + vip + "/")).as("nothing serves the VIP's port 80 now").isEqualTo("FAILED");

    writeDefault(true, "maxconn: 3000");
    assertThat(deploy(false, false).hosts()).as("adding a frontend back is no loss").extracting(HostOutcome::state)
        .containsOnly(HostOutcome.State.CHANGED);
    assertThat(servedThroughTheVip()).startsWith("web1");
  }

  @Test
  @Order(8)
  void setupWithTheDrillFlag_deploysVerifiesAndDrills() throws Exception {
    writeDefault(true, "maxconn: 2500");

    String setup = mvn("setup", "-Dlb.drill", "-Dlb.drillModes=graceful");

    assertThat(setup).containsPattern("ok +drill +vi_www graceful failover")
        .contains("Setup done: the pair runs the rendered configs, one host holds each VIP.").doesNotContain("St4tsPw");
    assertThat(on("lb2", "grep -c 'maxconn 2500' /etc/haproxy/haproxy.cfg").strip()).isEqualTo("1");
    assertThat(on("lb2", "cat " + STATE)).contains("\"producedFor\": \"folder handit\"");
  }
}
