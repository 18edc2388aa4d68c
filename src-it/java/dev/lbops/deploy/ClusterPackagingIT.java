package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.core.LbLog;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn deploy} of an lb-cluster project (src-it/lab-projects/lb-cluster) against a lab: the
 * lifecycle validates, renders, packages the configs, installs them, deploys and verifies.
 */
class ClusterPackagingIT {

  private static final Path PROJECT = Path.of("target/it-labs/pkgit-project").toAbsolutePath();
  private static Lab lab;

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("pkgit", HostKind.LIGHT, 2, 2, Path.of("target/it-labs/pkgit")), LbLog.NONE);
    String subnet = lab.state().subnet();
    String vip = lab.virtualIp(0);
    Files.createDirectories(PROJECT.resolve("cmdb"));
    Files.writeString(PROJECT.resolve("pom.xml"), Files.readString(Path.of("../src-it/lab-projects/lb-cluster/pom.xml"))
        .replace("@lb.pluginVersion@", System.getProperty("lb.pluginVersion")));
    Files.writeString(PROJECT.resolve("cmdb/default.yml"), String.join("\n",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    mode: http", "    http:", "      - option httpchk OPTIONS /",
        "    server:", "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "      - name: web2", "        dst: " + subnet + ".102:80", "        options: check inter 1s",
        "stats:", "  enabled: true", "  bind: '" + vip + ":8404'", "  server_id: lb-stats", ""));
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(PROJECT.resolve("cmdb/" + host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 53", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
    Files.writeString(PROJECT.resolve("settings.xml"),
        "<settings><servers><server><id>lb-stats</id><username>ops</username><password>Pkg1tSecret</password></server></servers></settings>\n");
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  private static String mvn(String... goals) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
        "-s", PROJECT.resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + System.getProperty("lb.it.localRepository"),
        "-Dlab.directory=" + lab.directory()));
    command.addAll(List.of(goals));
    Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    Files.writeString(PROJECT.resolve("build-" + goals[goals.length - 1] + ".log"), output);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static Map<String, String> entries(Path zip) throws IOException {
    Map<String, String> entries = new java.util.TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void mvnDeploy_packagesInstallsDeploysAndVerifiesTheCluster() throws Exception {
    String output = mvn("deploy");

    assertThat(output)
        .contains("lb:" + System.getProperty("lb.pluginVersion") + ":validate (default-validate)")
        .contains(":render (default-render)", ":package (default-package)", "install:3.1.4:install (default-install)",
            ":deploy (default-deploy)", ":verify (default-verify)")
        .containsPattern("ok +drill +vi_www graceful failover")
        .doesNotContain("Pkg1tSecret");
    assertThat(output.indexOf(":verify (default-verify)")).as("verify after deploy").isGreaterThan(output.indexOf(":deploy (default-deploy)"));

    Path zip = PROJECT.resolve("target/web-cluster-1.0.0.zip");
    Map<String, String> entries = entries(zip);
    assertThat(entries.keySet()).containsExactly(
        "lb1/etc/haproxy/haproxy.cfg", "lb1/etc/keepalived/keepalived.conf",
        "lb2/etc/haproxy/haproxy.cfg", "lb2/etc/keepalived/keepalived.conf");
    assertThat(entries.get("lb1/etc/haproxy/haproxy.cfg")).contains("stats auth ops:******").doesNotContain("Pkg1tSecret");
    Path installed = Path.of(System.getProperty("lb.it.localRepository"), "dev/lbops/it/web-cluster/1.0.0/web-cluster-1.0.0.zip");
    assertThat(installed).exists().hasSameBinaryContentAs(zip);
    assertThat(lab.run(lab.host("lb1"), "grep", "-c", "stats auth ops:Pkg1tSecret", "/etc/haproxy/haproxy.cfg").output().strip())
        .as("the hosts get the real secret").isEqualTo("1");
    assertThat(PROJECT.resolve("target/lb/verify/report.html")).exists();

    String first = sha256(zip);
    mvn("clean", "package");
    assertThat(sha256(PROJECT.resolve("target/web-cluster-1.0.0.zip"))).as("the zip is reproducible").isEqualTo(first);
  }
}
