package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.ServerCredentials;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TestPki;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Files shipped with the configs, on a pair of light hosts, in order: a TLS frontend on the VIP
 * answers with the shipped certificate (checked against its CA) on both hosts, through a failover;
 * a no-change run writes nothing; the certificate rotates under a bounded request loop without a
 * failed request; a wrong key, an expired certificate and a named file that is nowhere fail before
 * anything changes; a file no longer shipped disappears from the hosts; a deploy whose activation
 * fails on the master leaves the old configs and the old files on both hosts, and a re-run converges.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedFilesIT {

  private static final String SITE = "/etc/haproxy/certs/site.pem";
  private static final String NOTIFY = "/usr/local/lib/lb-maven-plugin/notify.sh";

  private static Lab lab;
  private static Path cmdb;
  private static Path files;
  private static TestPki pki;
  private static String vip;
  private static String subnet;
  private static Path siteKey;

  private static final List<String> DEBUG = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> WARNINGS = Collections.synchronizedList(new ArrayList<>());
  private static final LbLog LOG = new LbLog() {
    @Override public void debug(String message) { DEBUG.add(message); }
    @Override public void info(String message) {}
    @Override public void warn(String message) { WARNINGS.add(message); }
    @Override public void error(String message) {}
  };

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("filesit", HostKind.LIGHT, 2, 2, Path.of("target/it-labs/filesit")), LbLog.NONE);
    subnet = lab.state().subnet();
    vip = lab.virtualIp(0);
    cmdb = lab.directory().resolve("cmdb");
    files = lab.directory().resolve("lb-files");
    pki = new TestPki(lab.directory().resolve("pki"));
    TestPki.Server site = pki.server("site", "site.lab.test", vip, 365);
    siteKey = site.key();
    ship("etc/haproxy/certs/site.pem", site.pemWithoutKey());
    ship("etc/haproxy/certs/ca.pem", Files.readString(pki.caFile()));
    ship("etc/haproxy/errors/503-lb.http", "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nlb: no server\n");
    ship("usr/local/lib/lb-maven-plugin/notify.sh", "#!/bin/sh\necho \"$1\" > /run/lb-notify-state\n");
    Files.setPosixFilePermissions(files.resolve("usr/local/lib/lb-maven-plugin/notify.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(cmdb);
    writeDefault("      - errorfile 503 /etc/haproxy/errors/503-lb.http\n", "");
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(cmdb.resolve(host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 71", "    priority: " + (master ? 150 : 100), "    advert_int: 1",
          "    notify_master: " + NOTIFY + " master", "    notify_backup: " + NOTIFY + " backup",
          "    virtual_ips:", "      - ip: " + vip, "        cidr: 24", ""));
    }
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  private static void ship(String path, String content) throws IOException {
    Path file = files.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static void writeDefault(String backendLines, String extra) throws IOException {
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "certificates:", "  - file: " + SITE, "    key_server_id: site-key", "    ca_file: /etc/haproxy/certs/ca.pem",
        "frontends:", "  - name: www", "    bind:", "      - '" + vip + ":80'", "      - '" + vip + ":443 ssl crt " + SITE + "'",
        "    mode: http", "    default_backend: web",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http", "    http:", "      - option httpchk OPTIONS /",
        backendLines.stripTrailing(),
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "      - name: web2", "        dst: " + subnet + ".102:80", "        options: check inter 1s", extra, ""));
  }

  private static ClusterOperations pipeline() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec,
        id -> id.equals("site-key") ? Optional.of(new ServerCredentials(id, "", null, siteKey.toString(), null)) : Optional.empty(),
        LOG, new HashSet<>());
  }

  private static RenderOptions render() {
    return new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "filesit", true).withFiles(files);
  }

  private static DeployReport deploy(boolean dryRun) {
    return pipeline().deploy(render(), new DeployOptions(dryRun, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false));
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  /** The certificate's SHA-256 fingerprint that the VIP's TLS frontend serves, checked against the lab CA. */
  private static String servedFingerprint() {
    Lab.Output output = lab.run(lab.host("client"), "sh", "-c",
        "curl -s -o /dev/null -m 2 --cacert " + pki.caFile().toAbsolutePath() + " --resolve site.lab.test:443:" + vip
            + " -w '%{http_code}' https://site.lab.test/ && echo"
            + " && echo | openssl s_client -connect " + vip + ":443 -servername site.lab.test 2>/dev/null"
            + " | openssl x509 -noout -fingerprint -sha256");
    return output.exit() == 0 ? output.output().strip() : "FAILED: " + output.output().strip();
  }

  private static String fingerprintOf(Path certificate) {
    Lab.Output output = lab.run(lab.host("client"), "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", certificate.toAbsolutePath().toString());
    return output.output().strip();
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  /** Stops Keepalived gracefully (it sends priority 0) and waits until it is gone. */
  private static void stopKeepalived(String host) {
    stopKeepalivedOn(lab, host);
  }

  /** Stops Keepalived on a light lab host gracefully (it sends priority 0) and waits until it is gone. */
  static void stopKeepalivedOn(Lab lab, String host) {
    lab.run(lab.host(host), "sh", "-c",
        "p=$(cat /run/keepalived.pid); kill $p; for i in $(seq 100); do kill -0 $p 2>/dev/null || break; sleep 0.05; done; rm -f /run/keepalived.pid");
  }

  private static boolean holdsVip(String host) {
    return on(host, "ip -o -4 addr show dev eth0").contains(" " + vip + "/24");
  }

  private static Map<String, String> state(String host) {
    return Map.of(
        "haproxy", on(host, "cat /run/haproxy.pid").strip(),
        "keepalived", on(host, "cat /run/keepalived.pid").strip(),
        "files", on(host, "stat -c '%n %Y %a' /etc/haproxy/haproxy.cfg " + SITE + " /etc/haproxy/errors/503-lb.http " + NOTIFY));
  }

  @Test
  @Order(1)
  void aTlsFrontend_answersWithTheShippedCertificate_onBothHosts_throughAFailover() throws Exception {
    DeployReport report = deploy(false);

    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.changedFiles())
        .contains("/etc/haproxy/haproxy.cfg", SITE, "/etc/haproxy/certs/ca.pem", "/etc/haproxy/errors/503-lb.http", NOTIFY));
    assertThat(on("lb1", "stat -c '%a %U %n' " + SITE + " " + NOTIFY)).isEqualTo("600 root " + SITE + "\n700 root " + NOTIFY + "\n");
    assertThat(on("lb1", "grep -c 'BEGIN PRIVATE KEY' " + SITE).strip()).as("the key from settings.xml").isEqualTo("1");
    assertThat(on("lb1", "ls -a /etc/haproxy /etc/haproxy/certs")).as("no staging or copies left beside the files")
        .doesNotContain(".lb-stage", ".lb-new");
    String expected = fingerprintOf(files.resolve("etc/haproxy/certs/site.pem"));
    assertThat(eventually(() -> holdsVip("lb1"))).isTrue();
    assertThat(eventually(() -> servedFingerprint().startsWith("200"))).as(servedFingerprint()).isTrue();
    assertThat(servedFingerprint()).isEqualTo("200\n" + expected);
    assertThat(eventually(() -> on("lb1", "cat /run/lb-notify-state").strip().equals("master"))).as("the shipped notify script ran").isTrue();

    stopKeepalived("lb1");
    try {
      assertThat(eventually(() -> holdsVip("lb2"))).as("the backup took the VIP").isTrue();
      assertThat(eventually(() -> servedFingerprint().startsWith("200"))).isTrue();
      assertThat(servedFingerprint()).as("the backup serves the same certificate").isEqualTo("200\n" + expected);
      assertThat(eventually(() -> on("lb2", "cat /run/lb-notify-state").strip().equals("master"))).isTrue();
    } finally {
      on("lb1", "keepalived -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid");
    }
    assertThat(eventually(() -> holdsVip("lb1"))).as("the master took the VIP back").isTrue();
  }

  @Test
  @Order(2)
  void aRunWithNoChange_writesNothingAndReloadsNothing_inOneRoundTripPerHost() {
    Map<String, String> lb1 = state("lb1");
    Map<String, String> lb2 = state("lb2");
    DEBUG.clear();

    DeployReport report = deploy(false);

    assertThat(report.hosts()).allSatisfy(host -> {
      assertThat(host.state()).isEqualTo(HostOutcome.State.UNCHANGED);
      assertThat(host.changedFiles()).isEmpty();
    });
    assertThat(DEBUG).filteredOn(line -> line.matches("\\[lb\\d] [0-9.]+ s, exit .*")).as("SSH round trips: one per host")
        .extracting(line -> line.substring(0, 5)).containsExactlyInAnyOrder("[lb1]", "[lb2]");
    assertThat(state("lb1")).isEqualTo(lb1);
    assertThat(state("lb2")).isEqualTo(lb2);
  }

  @Test
  @Order(3)
  void aRotatedCertificate_isServedAfterAReload_withoutAFailedRequest_underABoundedRequestLoop() throws Exception {
    TestPki.Server next = pki.server("site-next", "site.lab.test", vip, 365);
    ship("etc/haproxy/certs/site.pem", next.pemWithoutKey());
    siteKey = next.key();
    String before = servedFingerprint();
    AtomicBoolean deploying = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
      long deadline = System.currentTimeMillis() + 60_000;
      while ((deploying.get() || sent.get() < 20) && sent.get() < 2000 && System.currentTimeMillis() < deadline) {
        Lab.Output answer = lab.run(lab.host("client"), "curl", "-s", "-o", "/dev/null", "-m", "2", "-w", "%{http_code}",
            "--cacert", pki.caFile().toAbsolutePath().toString(), "--resolve", "site.lab.test:443:" + vip, "https://site.lab.test/");
        sent.incrementAndGet();
        if (answer.exit() != 0 || !answer.output().strip().equals("200")) {
          failures.add(answer.exit() + " " + answer.output().strip());
        }
      }
    });
    DeployReport report;
    try {
      report = deploy(false);
    } finally {
      deploying.set(false);
      load.get();
    }

    assertThat(report.hosts()).allSatisfy(host -> {
      assertThat(host.changedFiles()).containsExactly(SITE);
      assertThat(host.actions()).containsEntry("haproxy", ServiceAction.RELOAD).containsEntry("keepalived", ServiceAction.NONE);
    });
    assertThat(sent.get()).as("requests sent during the deploy").isGreaterThanOrEqualTo(20);
    assertThat(failures).as("failed of %d requests", sent.get()).isEmpty();
    assertThat(servedFingerprint()).isNotEqualTo(before).isEqualTo("200\n" + fingerprintOf(next.certificate()));
  }

  @Test
  @Order(4)
  void aDiff_showsTheCertificate_neverItsKey_andThePackageZipHoldsItsKeyMasked() throws Exception {
    TestPki.Server other = pki.server("site-other", "site.lab.test", vip, 365);
    Path previousKey = siteKey;
    Path previous = files.resolve("etc/haproxy/certs/site.pem");
    String previousPem = Files.readString(previous);
    ship("etc/haproxy/certs/site.pem", other.pemWithoutKey());
    siteKey = other.key();
    try {
      DeployReport report = deploy(true);
      String diffs = String.join("\n", report.diffs());
      assertThat(diffs).contains("lb1:" + SITE, "certificate: subject CN=site.lab.test, issuer CN=lb-maven-plugin lab CA",
          "private key: present (not shown)").doesNotContain("PRIVATE KEY-----");
      Path zip = lab.directory().resolve("configs.zip");
      pipeline().archive(render(), zip, Instant.EPOCH);
      try (ZipFile archive = new ZipFile(zip.toFile())) {
        String archived = new String(archive.getInputStream(archive.getEntry("lb1" + SITE)).readAllBytes());
        assertThat(archived).contains("BEGIN CERTIFICATE", "-----BEGIN PRIVATE KEY-----\n******\n-----END PRIVATE KEY-----")
            .doesNotContain(Files.readString(other.key()).lines().skip(1).findFirst().orElseThrow());
        assertThat(archive.getEntry("lb2/etc/haproxy/errors/503-lb.http")).isNotNull();
      }
    } finally {
      Files.writeString(previous, previousPem);
      siteKey = previousKey;
    }
  }

  @Test
  @Order(5)
  void aWrongKey_orAnExpiredCertificate_failsValidation_namingTheFile_beforeAnyHostChanges() throws Exception {
    Map<String, String> lb1 = state("lb1");
    Path rightKey = siteKey;
    siteKey = pki.server("stranger", "stranger.lab.test", vip, 365).key();
    try {
      assertThatThrownBy(() -> deploy(false)).isInstanceOf(ProblemsException.class)
          .satisfies(e -> assertThat(((ProblemsException) e).problems()).anySatisfy(problem -> {
            assertThat(problem.location().file()).endsWith("lb-files/etc/haproxy/certs/site.pem");
            assertThat(problem.message()).contains("its private key does not belong to its certificate");
          }));
    } finally {
      siteKey = rightKey;
    }
    Path certificate = files.resolve("etc/haproxy/certs/site.pem");
    String valid = Files.readString(certificate);
    TestPki.Server expired = pki.expired("expired", "site.lab.test", vip);
    Files.writeString(certificate, expired.pemWithoutKey());
    Path validKey = siteKey;
    siteKey = expired.key();
    try {
      assertThatThrownBy(() -> deploy(false)).isInstanceOf(ProblemsException.class)
          .satisfies(e -> assertThat(((ProblemsException) e).problems()).anySatisfy(problem -> {
            assertThat(problem.location().file()).endsWith("lb-files/etc/haproxy/certs/site.pem");
            assertThat(problem.message()).contains("the certificate expired on");
          }));
    } finally {
      Files.writeString(certificate, valid);
      siteKey = validKey;
    }
    assertThat(state("lb1")).isEqualTo(lb1);
  }

  @Test
  @Order(6)
  void aNamedFileThatIsNeitherShippedNorOnTheHost_isAnError_namingTheConfigLine_beforeAnyHostChanges() throws Exception {
    Map<String, String> lb1 = state("lb1");
    writeDefault("      - errorfile 503 /etc/haproxy/errors/503-lb.http\n      - http-request set-header X-Zone %[src,map_ip(/etc/haproxy/maps/zones.map,none)]\n", "");
    try {
      assertThatThrownBy(() -> deploy(false)).isInstanceOf(DeployException.class)
          .hasMessageContaining("Deploy failed before any host was changed")
          .hasMessageMatching("(?s).*/etc/haproxy/haproxy.cfg:\\d+ \\('http-request set-header X-Zone .*'\\) names /etc/haproxy/maps/zones.map.*neither shipped nor on the host.*");
      writeDefault("      - errorfile 503 /etc/haproxy/errors/503-lb.http\n      - http-request set-header X-Zone %[src,map_ip(/opt/geo/zones.map,none)]\n", "");
      assertThatThrownBy(() -> deploy(false)).isInstanceOf(DeployException.class)
          .hasMessageMatching("(?s).*/etc/haproxy/haproxy.cfg:\\d+ .* names /opt/geo/zones.map, which is not on the host.*");
    } finally {
      writeDefault("      - errorfile 503 /etc/haproxy/errors/503-lb.http\n", "");
    }
    assertThat(state("lb1")).isEqualTo(lb1);
    assertThat(on("lb1", "ls -a /etc/haproxy")).doesNotContain(".lb-stage", "haproxy.cfg.lb-new");
  }

  @Test
  @Order(7)
  void aFileNoLongerShipped_disappearsFromTheHosts_onceNoConfigNamesIt() throws Exception {
    Files.delete(files.resolve("etc/haproxy/errors/503-lb.http"));
    WARNINGS.clear();
    DeployReport kept = deploy(false);
    assertThat(kept.hosts()).allSatisfy(host -> assertThat(host.state()).isEqualTo(HostOutcome.State.UNCHANGED));
    assertThat(WARNINGS).anyMatch(line -> line.contains("/etc/haproxy/errors/503-lb.http is no longer shipped but /etc/haproxy/haproxy.cfg:"));
    assertThat(on("lb1", "ls /etc/haproxy/errors")).contains("503-lb.http");

    writeDefault("", "");
    DeployReport report = deploy(false);

    assertThat(report.hosts()).allSatisfy(host ->
        assertThat(host.changedFiles()).contains("/etc/haproxy/haproxy.cfg", "/etc/haproxy/errors/503-lb.http (removed)"));
    for (String host : List.of("lb1", "lb2")) {
      assertThat(on(host, "ls /etc/haproxy/errors")).doesNotContain("503-lb.http");
      assertThat(on(host, "ls /etc/haproxy/certs")).contains("site.pem", "ca.pem");
    }
    assertThat(deploy(false).hosts()).as("and then nothing more changes")
        .allSatisfy(host -> assertThat(host.state()).isEqualTo(HostOutcome.State.UNCHANGED));
  }

  @Test
  @Order(8)
  void aDeployWhoseActivationFailsOnTheMaster_leavesTheOldConfigsAndTheOldShippedFiles_onBothHosts() throws Exception {
    String sums = "sha256sum /etc/haproxy/haproxy.cfg " + SITE + " /etc/haproxy/certs/ca.pem";
    Map<String, String> before = Map.of("lb1", on("lb1", sums), "lb2", on("lb2", sums));
    String served = servedFingerprint();
    assertThat(served).startsWith("200\n");
    TestPki.Server next = pki.server("site-refused", "site.lab.test", vip, 365);
    Path certificate = files.resolve("etc/haproxy/certs/site.pem");
    String previousPem = Files.readString(certificate);
    Path previousKey = siteKey;
    ship("etc/haproxy/certs/site.pem", next.pemWithoutKey());
    siteKey = next.key();
    // A new certificate and a listener on a port another process holds on the master: the config
    // passes haproxy -c (with the new certificate in place) and the backup, then the master's
    // reload cannot bind.
    writeDefault("", String.join("\n", "listen:", "  - name: extra", "    bind: '*:8081'", "    mode: tcp",
        "    server:", "      - name: s", "        dst: " + subnet + ".101:80"));
    on("lb1", "setsid /usr/bin/python3 -m http.server 8081 --bind 0.0.0.0 >/dev/null 2>&1 </dev/null &"
        + " echo $! > /run/lb-test-squatter");
    try {
      assertThat(eventually(() -> on("lb1", "grep -c ':1F91 ' /proc/net/tcp || true").strip().equals("1")))
          .as("another process listens on 8081 on lb1").isTrue();

      assertThatThrownBy(() -> deploy(false)).isInstanceOf(DeployException.class)
          .hasMessageContaining("lb1: activation failed").hasMessageContaining("8081")
          .hasMessageContaining("restored its previous configuration").hasMessageContaining("rolled back [lb2]");

      for (String host : List.of("lb1", "lb2")) {
        assertThat(on(host, sums)).as(host + ": the old configs and the old certificate").isEqualTo(before.get(host));
        assertThat(on(host, "ls -a /etc/haproxy /etc/haproxy/certs")).as(host + ": nothing staged left")
            .doesNotContain(".lb-stage", ".lb-new");
      }
      assertThat(servedFingerprint()).as("the pair serves, with the old certificate").isEqualTo(served);
    } finally {
      on("lb1", "kill $(cat /run/lb-test-squatter)");
    }

    DeployReport converged = deploy(false);
    assertThat(converged.hosts()).as("once the port is free, a re-run converges")
        .allSatisfy(host -> assertThat(host.changedFiles()).contains("/etc/haproxy/haproxy.cfg", SITE));
    assertThat(eventually(() -> servedFingerprint().equals("200\n" + fingerprintOf(next.certificate())))).isTrue();
    Files.writeString(certificate, previousPem);
    siteKey = previousKey;
  }
}
