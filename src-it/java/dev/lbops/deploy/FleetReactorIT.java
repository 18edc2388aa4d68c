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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many pairs from one build: a reactor of three lb-cluster modules (src-it/lab-projects/fleet),
 * each a pair of lab hosts of its own, deployed with {@code mvn -T 3 deploy}. The pairs run side by
 * side, each module keeps its own output and summary, and no pair gets another's configuration.
 */
class FleetReactorIT {

  private static final Path PROJECT = Path.of("target/it-labs/fleet-project").toAbsolutePath();
  private static final List<String> PAIRS = List.of("pair-a", "pair-b", "pair-c");
  private static final Map<String, Lab> LABS = new LinkedHashMap<>();

  @BeforeAll
  static void up() throws IOException {
    Path template = Path.of("../src-it/lab-projects/fleet");
    deleteTree(PROJECT); // what an earlier run left, so that the modules start from nothing
    Files.createDirectories(PROJECT);
    String version = System.getProperty("lb.pluginVersion");
    Files.writeString(PROJECT.resolve("pom.xml"),
        Files.readString(template.resolve("pom.xml")).replace("@lb.pluginVersion@", version));
    int routerId = 61;
    for (String pair : PAIRS) {
      String name = "fleet" + pair.charAt(pair.length() - 1);
      Lab lab = Lab.up(new LabSpec(name, HostKind.LIGHT, 2, 1, Path.of("target/it-labs/" + name)), LbLog.NONE);
      LABS.put(pair, lab);
      Path module = PROJECT.resolve(pair);
      Files.createDirectories(module.resolve("cmdb"));
      Files.writeString(module.resolve("pom.xml"), Files.readString(template.resolve("module-pom.xml")).replace("@pair@", pair));
      Files.writeString(module.resolve("server.ini"), "[lb]\nlb1 address=" + lab.host("lb1").address()
          + " private_key=" + lab.clientKey() + "\nlb2 address=" + lab.host("lb2").address()
          + " private_key=" + lab.clientKey() + "\n");
      Files.copy(lab.knownHosts(), module.resolve("known_hosts"));
      String vip = lab.virtualIp(0);
      Files.writeString(module.resolve("cmdb/default.yml"), String.join("\n",
          "frontends:", "  - name: www_" + pair.replace('-', '_'), "    bind: '" + vip + ":80'", "    default_backend: web",
          "backends:", "  - name: web", "    mode: http", "    server:",
          "      - name: web1", "        dst: " + lab.state().subnet() + ".101:80", "        options: check inter 1s", ""));
      for (String host : List.of("lb1", "lb2")) {
        boolean master = host.equals("lb1");
        Files.writeString(module.resolve("cmdb/" + host + ".yml"), String.join("\n",
            "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
            "    router_id: " + routerId, "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
            "      - ip: " + vip, "        cidr: 24", ""));
      }
      routerId++;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @AfterAll
  static void down() {
    LABS.values().forEach(lab -> Lab.down(lab.directory(), LbLog.NONE));
  }

  private static String mvn(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
        "-Dmaven.repo.local=" + System.getProperty("lb.it.localRepository")));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
    Files.writeString(PROJECT.resolve("build.log"), output);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void mvnT3Deploy_deploysEveryPairSideBySide_eachWithItsOwnOutputAndSummary() throws Exception {
    String output = mvn("-T", "3", "deploy");

    // One summary per module: each deploy's table, each verify's checks.
    Matcher summaries = Pattern.compile("(?m)^\\[INFO\\] host +changed files +action +seconds +state$").matcher(output);
    assertThat(summaries.results().count()).as("deploy summaries").isEqualTo(3);
    assertThat(Pattern.compile("ok +state +VRRP instance vi_www has one holder").matcher(output).results().count()).isEqualTo(3);
    assertThat(output).contains("Reactor Summary", "BUILD SUCCESS");

    Map<String, Instant[]> windows = new LinkedHashMap<>();
    for (String pair : PAIRS) {
      Path module = PROJECT.resolve(pair);
      // Each module's own output: its zip, its deploy report, its verify reports.
      Path zip = module.resolve("target/" + pair + "-1.0.0.zip");
      Path verified = module.resolve("target/lb/verify/report.json");
      assertThat(module.resolve("target/lb/deploy-report.json")).exists();
      assertThat(module.resolve("target/lb/verify/TEST-lb-verify.xml")).content().containsPattern("failures=\"0\"");
      windows.put(pair, new Instant[] {Files.getLastModifiedTime(zip).toInstant(), Files.getLastModifiedTime(verified).toInstant()});
      // None disturbed another: each pair's hosts hold its own configuration, named for its module.
      Lab lab = LABS.get(pair);
      for (String host : List.of("lb1", "lb2")) {
        String deployed = lab.run(lab.host(host), "cat", "/etc/haproxy/haproxy.cfg").output();
        assertThat(deployed).as(pair + " " + host)
            .contains("dev.lbops.it.fleet:" + pair + ":1.0.0", "frontend www_" + pair.replace('-', '_'), lab.virtualIp(0));
        PAIRS.stream().filter(other -> !other.equals(pair))
            .forEach(other -> assertThat(deployed).as(pair + " " + host).doesNotContain(":" + other + ":"));
      }
    }
    // Side by side: every pair was packaged before any pair had finished verifying (a build one
    // module after another would package the next pair only after the last one's verify).
    Instant lastStart = windows.values().stream().map(window -> window[0]).max(Instant::compareTo).orElseThrow();
    Instant firstEnd = windows.values().stream().map(window -> window[1]).min(Instant::compareTo).orElseThrow();
    assertThat(lastStart).as("the pairs' deploy windows overlap: " + describe(windows)).isBefore(firstEnd);
  }

  private static String describe(Map<String, Instant[]> windows) {
    StringBuilder text = new StringBuilder();
    windows.forEach((pair, window) -> text.append(pair).append(' ').append(window[0]).append("..").append(window[1]).append("; "));
    return text.toString();
  }
}
