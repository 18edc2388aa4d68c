package dev.lbops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.core.LbLog;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CI recipes of the example project (GitHub Actions and GitLab CI) run the same shell lines,
 * and those lines, as written in the YAML files, rehearse the example project and deploy a lab
 * pair with a drill, with the secrets given as a CI gives them: the reports land where the jobs
 * publish them, and no secret reaches the log.
 */
class CiRecipesIT {

  private static final Path EXAMPLE = Path.of("../lb-example-project").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target/it-ci").toAbsolutePath();
  private static final String STATS_PASSWORD = "C1-St4ts-Secret";

  private static Map<String, Object> github;
  private static Map<String, Object> gitlab;
  private static Lab lab;

  @BeforeAll
  static void read() throws IOException {
    github = yaml(EXAMPLE.resolve(".github/workflows/lb-cluster.yml"));
    gitlab = yaml(EXAMPLE.resolve(".gitlab-ci.yml"));
    deleteTree(WORK);
    Files.createDirectories(WORK);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      Lab.down(lab.directory(), LbLog.NONE);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    return (Map<String, Object>)
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String... keys) {
    Map<String, Object> found = parent;
    for (String key : keys) {
      found = (Map<String, Object>) found.get(key);
    }
    return found;
  }

  /** The shell lines of a GitHub job: every step's run block, line by line. */
  @SuppressWarnings("unchecked")
  private static List<String> githubLines(String job) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> step : (List<Map<String, Object>>) map(github, "jobs", job).get("steps")) {
      if (step.get("run") instanceof String run) {
        run.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
      }
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  private static List<String> gitlabLines(String job) {
    return (List<String>) map(gitlab, job).get("script");
  }

  /** Where a GitHub job publishes its JUnit XML and its report: the steps' report_paths and path. */
  @SuppressWarnings("unchecked")
  private static List<String> githubPublished(String job) {
    List<String> paths = new ArrayList<>();
    for (Map<String, Object> step : (List<Map<String, Object>>) map(github, "jobs", job).get("steps")) {
      Map<String, Object> with = (Map<String, Object>) step.get("with");
      if (with != null) {
        Stream.of("report_paths", "path").filter(with::containsKey).forEach(key -> paths.add((String) with.get(key)));
      }
    }
    return paths;
  }

  @SuppressWarnings("unchecked")
  private static List<String> gitlabPublished(String job) {
    Map<String, Object> artifacts = map(gitlab, job, "artifacts");
    List<String> paths = new ArrayList<>();
    paths.add((String) ((Map<String, Object>) artifacts.get("reports")).get("junit"));
    paths.addAll((List<String>) artifacts.get("paths"));
    return paths;
  }

  /** Runs a job's lines as the CI does: one bash, stopping at the first failure. */
  private static String runJob(Path project, List<String> lines, Map<String, String> secrets, String name)
      throws Exception {
    Path globalSettings = WORK.resolve("it-settings.xml");
    Files.writeString(globalSettings, Files.readString(Path.of("../src-it/settings.xml"))
        .replace("@localRepositoryUrl@", Path.of(System.getProperty("user.home"), ".m2/repository").toUri().toString()));
    ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", String.join("\n", lines))
        .directory(project.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", Path.of(System.getProperty("maven.home"), "bin") + ":" + env.get("PATH"));
    // The CI image's Maven would use its own repository; here the one the invoker filled.
    env.put("MAVEN_ARGS", "-Dmaven.repo.local=" + System.getProperty("lb.it.localRepository") + " -gs " + globalSettings);
    env.putAll(secrets);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
    Files.writeString(WORK.resolve(name + ".log"), output);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void bothRecipes_runTheSameShellLines_andPublishTheSameReports() {
    for (String job : List.of("rehearse", "deploy")) {
      assertThat(githubLines(job)).as(job).isNotEmpty().isEqualTo(gitlabLines(job));
      assertThat(githubPublished(job)).as(job).isEqualTo(gitlabPublished(job));
    }
    assertThat(map(gitlab, "rehearse", "artifacts").get("when")).isEqualTo("always");
    assertThat(githubLines("deploy")).noneMatch(line -> line.contains("${{")).noneMatch(line -> line.matches(".*\\b(echo|cat|set -x)\\b.*"));
  }

  @Test
  void rehearseJob_rehearsesTheExampleProject_andLeavesItsReportsWhereTheJobPublishesThem() throws Exception {
    Path project = WORK.resolve("example");
    Files.createDirectories(project);
    Files.copy(EXAMPLE.resolve("pom.xml"), project.resolve("pom.xml"));
    copyTree(EXAMPLE.resolve("cmdb"), project.resolve("cmdb"));

    String output = runJob(project, githubLines("rehearse"), Map.of(), "rehearse");

    assertThat(output).contains("BUILD SUCCESS").containsPattern("ok +drill +www01 node loss failover");
    for (String published : githubPublished("rehearse")) {
      assertThat(project.resolve(published)).as(published).exists();
    }
    assertThat(project.resolve("target/lb-rehearse/verify/TEST-lb-verify.xml")).content().containsPattern("failures=\"0\"");
    assertThat(project.resolve("target/lb-rehearse/verify/report.html")).exists();
  }

  @Test
  void deployJob_deploysAndDrills_withTheSecretsAsTheCiGivesThem_andNeverPrintsThem() throws Exception {
    lab = Lab.up(new LabSpec("ciit", HostKind.LIGHT, 2, 2, WORK.resolve("lab")), LbLog.NONE);
    Path project = WORK.resolve("cluster");
    Files.createDirectories(project.resolve("cmdb"));
    copyTree(EXAMPLE.resolve(".ci"), project.resolve(".ci"));
    Files.writeString(project.resolve("pom.xml"), String.join("\n",
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>",
        "<groupId>dev.lbops.it</groupId><artifactId>ci-cluster</artifactId><version>1.0</version><packaging>pom</packaging>",
        "<build><plugins><plugin><groupId>dev.lbops</groupId><artifactId>lb-maven-plugin</artifactId>",
        "<version>" + System.getProperty("lb.pluginVersion") + "</version>",
        "<configuration><drillModes>GRACEFUL</drillModes></configuration></plugin></plugins></build></project>", ""));
    String subnet = lab.state().subnet();
    String vip = lab.virtualIp(0);
    Files.writeString(project.resolve("server.ini"), "[lb]\nlb1 address=" + lab.host("lb1").address()
        + " server_id=lb-ssh\nlb2 address=" + lab.host("lb2").address() + " server_id=lb-ssh\n");
    Files.writeString(project.resolve("cmdb/default.yml"), String.join("\n",
        "frontends:", "  - name: www", "    bind: '" + vip + ":80'", "    default_backend: web",
        "backends:", "  - name: web", "    mode: http", "    server:",
        "      - name: web1", "        dst: " + subnet + ".101:80", "        options: check inter 1s",
        "stats:", "  enabled: true", "  bind: '" + vip + ":8404'", "  server_id: lb-stats", ""));
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      Files.writeString(project.resolve("cmdb/" + host + ".yml"), String.join("\n",
          "vrrp_instances:", "  - name: vi_www", "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
          "    router_id: 57", "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
          "      - ip: " + vip, "        cidr: 24", ""));
    }
    String key = Files.readString(lab.clientKey());
    Map<String, String> secrets = new HashMap<>();
    secrets.put("LB_SSH_PRIVATE_KEY", key.strip());
    secrets.put("LB_STATS_PASSWORD", STATS_PASSWORD);
    secrets.put("LB_KNOWN_HOSTS", Files.readString(lab.knownHosts()).strip());

    String output = runJob(project, githubLines("deploy"), secrets, "deploy");

    assertThat(output).containsPattern("ok +drill +vi_www graceful failover").doesNotContain(STATS_PASSWORD);
    assertThat(output).doesNotContain(key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow());
    for (String published : githubPublished("deploy")) {
      assertThat(project.resolve(published)).as(published).exists();
    }
    assertThat(project.resolve("target/lb/verify/TEST-lb-verify.xml")).content().containsPattern("failures=\"0\"");
    assertThat(project.resolve(".ci/lb-settings.xml")).content().doesNotContain(STATS_PASSWORD);
    assertThat(lab.run(lab.host("lb1"), "grep", "-c", "stats auth ops:" + STATS_PASSWORD, "/etc/haproxy/haproxy.cfg").output().strip())
        .as("the secret reached the host that needs it").isEqualTo("1");
    try (Stream<Path> files = Files.walk(project)) {
      assertThat(files.filter(Files::isRegularFile).filter(file -> !file.startsWith(project.resolve("target/lb")))
              .filter(file -> read(file).contains(STATS_PASSWORD)))
          .as("no file outside the rendered configs holds the secret").isEmpty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
