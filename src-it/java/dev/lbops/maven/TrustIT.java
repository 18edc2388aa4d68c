package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.HostOutcome;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabHost;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.HostKeys;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Secrets on full hosts (systemd, apt, real sudo), one lab for all: users whose sudo asks for a
 * password deploy twice in a row (the second time with credentials sudo cached), a NOPASSWD user
 * deploys without one, and no password shows in any output; lb:diff during a rotation of the VRRP
 * and stats passwords shows neither the old nor the new ones, and its report is owner-only; the
 * hosts keep one owner-only backup per file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustIT {

  private static final String SUDO_PASSWORD = "Tr-Sud0-pw";
  private static final String GLOBAL_PASSWORD = "Tr-Gl0b-pw";
  private static final String OLD_VRRP = "0ldVrrp1";
  private static final String OLD_STATS = "0ld-St4ts-pw";
  private static final String NEW_VRRP = "N3wVrrp2";
  private static final String NEW_STATS = "N3w-St4ts-pw";
  private static final List<String> SECRETS =
      List.of(SUDO_PASSWORD, GLOBAL_PASSWORD, OLD_VRRP, OLD_STATS, NEW_VRRP, NEW_STATS);

  private static Lab lab;
  private static Path cmdb;
  private static String vrrpPassword = OLD_VRRP;
  private static String statsPassword = OLD_STATS;

  /** Every line the core logged, at every level, in every run. */
  private static final List<String> OUTPUT = Collections.synchronizedList(new ArrayList<>());

  private static final LbLog CAPTURED =
      new LbLog() {
        @Override
        public void debug(String message) {
          OUTPUT.add(message);
        }

        @Override
        public void info(String message) {
          OUTPUT.add(message);
        }

        @Override
        public void warn(String message) {
          OUTPUT.add(message);
        }

        @Override
        public void error(String message) {
          OUTPUT.add(message);
        }
      };

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("trustit", HostKind.FULL, 2, 2, Path.of("target/it-labs/trustit")), LbLog.NONE);
    String vip = lab.virtualIp(0);
    String subnet = lab.state().subnet();
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    writeDefault(1000);
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 61", "    priority: " + (master ? 150 : 100), "    advert_int: 1",
          "    authentication:", "      server_id: lb-vrrp", "    virtual_ips:", "      - ip: " + vip, "        cidr: 24", ""));
    }
    // Three users: sudo asks lbpw for its password (credentials cached per shell, sudo's default),
    // and lbglobal (cached across sessions: the second script of a run finds them cached); lbnopw
    // has NOPASSWD. Each logs in with the lab's key.
    for (String host : List.of("lb1", "lb2")) {
      Lab.Output setup = on(host, "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sudo >/dev/null"
          + " && for u in lbpw lbglobal lbnopw; do useradd -m -s /bin/sh $u && mkdir -p /home/$u/.ssh"
          + " && cp /root/.ssh/authorized_keys /home/$u/.ssh/ && chown -R $u /home/$u/.ssh || exit 1; done"
          + " && echo 'lbpw:" + SUDO_PASSWORD + "' | chpasswd && echo 'lbglobal:" + GLOBAL_PASSWORD + "' | chpasswd"
          + " && echo 'lbpw ALL=(ALL) ALL' > /etc/sudoers.d/lbpw"
          + " && printf 'Defaults:lbglobal timestamp_type=global\\nlbglobal ALL=(ALL) ALL\\n' > /etc/sudoers.d/lbglobal"
          + " && echo 'lbnopw ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/lbnopw && echo ready");
      assertThat(setup.output()).as("setup of %s", host).endsWith("ready\n");
    }
    assertThat(subnet).isNotEmpty();
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      Lab.down(lab.directory(), LbLog.NONE);
    }
  }

  private static void writeDefault(int maxconn) throws IOException {
    String vip = lab.virtualIp(0);
    String subnet = lab.state().subnet();
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "maxconn: " + maxconn,
        "stats:", "  enabled: true", "  bind: '" + vip + ":8404'", "  server_id: lb-stats",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http",
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "      - name: web2", "        dst: " + subnet + ".102:80", "        options: check inter 1s", ""));
  }

  private static Lab.Output on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command);
  }

  /** settings.xml as this test has it: the current VRRP and stats passwords, and the logins. */
  private static CredentialSource settings() {
    return id -> Optional.of(switch (id) {
      case "lb-vrrp" -> new ServerCredentials(id, "", Secret.of(vrrpPassword), "", null);
      case "lb-stats" -> new ServerCredentials(id, "ops", Secret.of(statsPassword), "", null);
      case "lbpw-login" -> new ServerCredentials(id, "", Secret.of(SUDO_PASSWORD), "", null);
      case "lbglobal-login" -> new ServerCredentials(id, "", Secret.of(GLOBAL_PASSWORD), "", null);
      default -> new ServerCredentials(id, "", null, "", null);
    });
  }

  /** The lab's inventory with each load balancer logging in as {@code user} (its key), {@code serverId} for the rest. */
  private static ClusterOperations as(String user, String serverId) throws IOException {
    Path inventory = lab.directory().resolve("server-" + user + ".ini");
    Files.writeString(inventory, Files.readString(lab.inventory()).replace("user=root", "user=" + user + " server_id=" + serverId));
    ClusterSpec spec = new ClusterSpec(List.of(), inventory, "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, settings(), CAPTURED, new HashSet<>());
  }

  private static RenderOptions render() {
    return new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "trustit", true);
  }

  private static DeployOptions options(boolean dryRun) {
    return new DeployOptions(dryRun, Set.of(), 0, !dryRun, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(300), Duration.ofSeconds(30), false);
  }

  private static DeployReport deploy(String user, String serverId) throws IOException {
    DeployReport report = as(user, serverId).deploy(render(), options(false));
    OUTPUT.add(new Gson().toJson(report));
    return report;
  }

  /** Asserts no secret in anything logged, nor in any file of the output directory but the configs. */
  private static void noSecretAnywhere() throws IOException {
    String output = String.join("\n", OUTPUT);
    for (String secret : SECRETS) {
      assertThat(output).as("the output holds a secret").doesNotContain(secret);
    }
    try (Stream<Path> files = Files.walk(render().outputDirectory())) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".cfg") && !f.toString().endsWith(".conf")).toList()) {
        String text = Files.readString(file);
        SECRETS.forEach(secret -> assertThat(text).as("%s holds a secret", file).doesNotContain(secret));
      }
    }
  }

  private static RemoteHost remote(String host, String user, String password) {
    LabHost lb = lab.host(host);
    SshTarget target = new SshTarget(host, lb.address(), 22, user, lab.clientKey(), null, password == null ? null : Secret.of(password),
        HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(10));
    return new RemoteHost(SshConnection.open(target), Duration.ofSeconds(60), CAPTURED);
  }

  @Test
  @Order(1)
  void aUserWhoseSudoAsksForAPassword_deploysTwiceInARow_andThePasswordShowsNowhere() throws IOException {
    DeployReport first = deploy("lbpw", "lbpw-login");
    writeDefault(1100);
    DeployReport second = deploy("lbpw", "lbpw-login");

    assertThat(first.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(second.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(on("lb1", "grep -c 'maxconn 1100' /etc/haproxy/haproxy.cfg").output().strip()).isEqualTo("1");
    noSecretAnywhere();
  }

  @Test
  @Order(2)
  void aUserWhoseSudoCachesAcrossSessions_deploysTwiceInARow_theSecondTimeWithCachedCredentials() throws IOException {
    writeDefault(1200);
    DeployReport first = deploy("lbglobal", "lbglobal-login");
    writeDefault(1300);
    DeployReport second = deploy("lbglobal", "lbglobal-login");

    assertThat(first.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(second.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(on("lb2", "grep -c 'maxconn 1300' /etc/haproxy/haproxy.cfg").output().strip()).isEqualTo("1");
    noSecretAnywhere();
  }

  @Test
  @Order(3)
  void withCachedCredentials_noShellReadsThePassword_andTheScriptGetsOnlyItself() {
    for (String user : List.of("lbglobal", "lbpw")) {
      try (RemoteHost host = remote("lb1", user, password(user))) {
        for (int run = 1; run <= 2; run++) {
          // 'cat' prints whatever of standard input is left after the script: nothing.
          CommandResult result = host.script("echo ran as $(id -u)\ncat\n");
          assertThat(result.exitStatus()).as("%s run %d: %s", user, run, result.stderr()).isZero();
          assertThat(result.stdout()).as("%s run %d", user, run).isEqualTo("ran as 0\n");
          assertThat(result.stderr()).as("%s run %d", user, run).doesNotContain("not found").doesNotContain("******");
        }
      }
    }
  }

  @Test
  @Order(3)
  void whatAHostPrints_hasTheLoginPasswordRedacted() {
    for (String user : List.of("lbglobal", "lbpw")) {
      try (RemoteHost host = remote("lb1", user, password(user))) {
        assertThat(host.script("echo " + password(user) + "\n").stdout()).isEqualTo("******\n");
      }
    }
  }

  private static String password(String user) {
    return user.equals("lbpw") ? SUDO_PASSWORD : GLOBAL_PASSWORD;
  }

  @Test
  @Order(4)
  void aWrongPassword_isRefusedBySudo_andTheScriptDoesNotRun() {
    try (RemoteHost host = remote("lb1", "lbpw", "Wr0ng-pw-x")) {
      CommandResult result = host.script("touch /root/should-not-exist\n");

      assertThat(result.exitStatus()).isEqualTo(125);
      assertThat(result.stderr()).contains("sudo did not accept the password of user lbpw").doesNotContain("Wr0ng-pw-x");
    }
    assertThat(on("lb1", "test -e /root/should-not-exist && echo ran || echo not run").output()).isEqualTo("not run\n");
  }

  @Test
  @Order(5)
  void aNopasswdUser_deploysWithoutAPassword() throws IOException {
    writeDefault(1400);
    // As a hand edit may leave them: the backups must not keep this mode.
    on("lb1", "chmod 644 /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf");

    DeployReport report = deploy("lbnopw", "lbnopw-login");

    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    assertThat(on("lb1", "grep -c 'maxconn 1400' /etc/haproxy/haproxy.cfg").output().strip()).isEqualTo("1");
  }

  @Test
  @Order(6)
  void aDiffDuringARotation_showsNeitherTheOldNorTheNewPasswords_andItsReportIsOwnerOnly() throws IOException {
    vrrpPassword = NEW_VRRP;
    statsPassword = NEW_STATS;
    List<String> logged = new ArrayList<>();
    Log log = new CapturingLog(logged);

    DeployReport report = Reports.deploy(as("lbnopw", "lbnopw-login"), render(), options(true), log);
    report.diffs().forEach(diff -> diff.lines().forEach(log::info)); // as lb:diff prints them

    Path json = render().outputDirectory().resolve("diff-report.json");
    String diffs = String.join("\n", report.diffs());
    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.WOULD_CHANGE);
    assertThat(diffs)
        .contains("-  stats auth ops:******\n+  stats auth ops:******")
        .contains("-    auth_pass ******\n+    auth_pass ******");
    String everything = String.join("\n", logged) + Files.readString(json);
    for (String secret : SECRETS) {
      assertThat(everything).as("lb:diff's output and diff-report.json").doesNotContain(secret);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(json))).isEqualTo("rw-------");
    assertThat(on("lb1", "grep -c 'auth_pass " + OLD_VRRP + "' /etc/keepalived/keepalived.conf").output().strip())
        .as("a diff changes nothing").isEqualTo("1");
    noSecretAnywhere();
  }

  @Test
  @Order(7)
  void theRotationDeployed_leavesOneOwnerOnlyBackupPerFile_holdingTheLastConfig() throws IOException {
    DeployReport report = deploy("lbnopw", "lbnopw-login");

    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.changedFiles()).contains("/etc/keepalived/keepalived.conf"));
    assertThat(on("lb1", "grep -c 'auth_pass " + OLD_VRRP + "' /etc/keepalived/keepalived.conf.lb-backup").output().strip())
        .as("the backup is the config it replaced").isEqualTo("1");
    for (String host : List.of("lb1", "lb2")) {
      assertThat(on(host, "stat -c '%a %U %n' /etc/haproxy/haproxy.cfg*.lb-backup /etc/keepalived/keepalived.conf*.lb-backup").output())
          .as(host)
          .isEqualTo("600 root /etc/haproxy/haproxy.cfg.lb-backup\n600 root /etc/keepalived/keepalived.conf.lb-backup\n");
      assertThat(on(host, "find /etc -name '*.lb-backup' | sort").output())
          .isEqualTo("/etc/haproxy/haproxy.cfg.lb-backup\n/etc/keepalived/keepalived.conf.lb-backup\n");
    }
    noSecretAnywhere();
  }

  /** A Maven log that keeps every line. */
  private record CapturingLog(List<String> lines) implements Log {
    @Override public boolean isDebugEnabled() { return true; }
    @Override public void debug(CharSequence content) { lines.add(String.valueOf(content)); }
    @Override public void debug(CharSequence content, Throwable error) { lines.add(content + " " + error); }
    @Override public void debug(Throwable error) { lines.add(String.valueOf(error)); }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public void info(CharSequence content) { lines.add(String.valueOf(content)); }
    @Override public void info(CharSequence content, Throwable error) { lines.add(content + " " + error); }
    @Override public void info(Throwable error) { lines.add(String.valueOf(error)); }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(CharSequence content) { lines.add(String.valueOf(content)); }
    @Override public void warn(CharSequence content, Throwable error) { lines.add(content + " " + error); }
    @Override public void warn(Throwable error) { lines.add(String.valueOf(error)); }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(CharSequence content) { lines.add(String.valueOf(content)); }
    @Override public void error(CharSequence content, Throwable error) { lines.add(content + " " + error); }
    @Override public void error(Throwable error) { lines.add(String.valueOf(error)); }
  }
}
