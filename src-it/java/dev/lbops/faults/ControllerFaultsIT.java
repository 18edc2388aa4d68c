package dev.lbops.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.core.Threads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The build itself killed (SIGKILL) or interrupted (SIGINT, as Ctrl-C or a CI cancel) halfway: a
 * real Maven runs the plugin's goals on a lab pair (src-it/lab-projects/lb-faults), and the test
 * kills that Maven mid-activation or mid-drill. Afterwards the pair serves, and a plain re-run takes
 * over what the dead build left (its expired lease, its drill's marker) and converges.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerFaultsIT {

  private static final Path PROJECT = Path.of("target/it-labs/ctrlit-project").toAbsolutePath();
  private static final String PLUGIN =
      "dev.lbops:lb-maven-plugin:" + System.getProperty("lb.pluginVersion") + ":";
  private static final String MARKER = "/run/lb-maven-plugin.drill";

  private static FaultLab lab;
  private static int runs;

  @BeforeAll
  static void up() throws IOException {
    lab = FaultLab.up("ctrlit");
    Files.createDirectories(PROJECT);
    try (var old = Files.list(PROJECT)) {
      for (Path log : old.filter(file -> file.getFileName().toString().startsWith("build-")).toList()) {
        Files.delete(log);
      }
    }
    Files.writeString(
        PROJECT.resolve("pom.xml"),
        Files.readString(Path.of("../src-it/lab-projects/lb-faults/pom.xml"))
            .replace("@lb.pluginVersion@", System.getProperty("lb.pluginVersion")));
    // Everything the builds need is in this machine's repository: no build goes elsewhere.
    Files.writeString(
        PROJECT.resolve("settings.xml"),
        "<settings><mirrors><mirror><id>local.central</id><mirrorOf>*</mirrorOf><url>"
            + Path.of(System.getProperty("user.home"), ".m2", "repository").toUri()
            + "</url></mirror></mirrors></settings>\n");
    lab.deploy();
    lab.pairServes();
    lab.installSlowReload("lb2");
  }

  @AfterEach
  void undoFaults() {
    lab.undoFaults();
  }

  @AfterAll
  static void down() {
    lab.down();
  }

  /** Starts Maven on the project with {@code goal} of the plugin; its output goes to a file. */
  private static Process start(String goal, String... properties) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B",
                "-s",
                PROJECT.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + System.getProperty("lb.it.localRepository"),
                "-Dlab.directory=" + lab.lab.directory(),
                PLUGIN + goal));
    command.addAll(List.of(properties));
    runs++;
    return new ProcessBuilder(command)
        .directory(PROJECT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(PROJECT.resolve("build-" + runs + "-" + goal + ".log").toFile())
        .start();
  }

  private static String output() throws IOException {
    try (var logs = Files.list(PROJECT)) {
      Path last =
          logs.filter(file -> file.getFileName().toString().startsWith("build-" + runs + "-"))
              .findFirst()
              .orElseThrow();
      return Files.readString(last, StandardCharsets.UTF_8);
    }
  }

  /** Runs Maven to its end; its output, after checking how it ended. */
  private static String run(boolean succeeds, String goal, String... properties)
      throws Exception {
    Process build = start(goal, properties);
    if (!build.waitFor(3, TimeUnit.MINUTES)) {
      String hosts = lab.on("lb1", "ps -eo pid,pgid,stat,wchan:20,args") + lab.on("lb2", "ps -eo pid,pgid,stat,args");
      build.destroyForcibly();
      throw new AssertionError("the build did not end:\n" + output() + "\n" + hosts);
    }
    String output = output();
    assertThat(build.exitValue() == 0).as(output).isEqualTo(succeeds);
    return output;
  }

  /** Waits until {@code condition} holds on {@code host} while {@code build} runs. */
  private static void await(Process build, String what, String host, String condition)
      throws IOException {
    assertThat(
            FaultLab.eventually(
                Duration.ofSeconds(90),
                () ->
                    !build.isAlive()
                        || lab.on(host, "if " + condition + "; then echo yes; fi").contains("yes")))
        .isTrue();
    assertThat(build.isAlive()).as(what + ", while the build runs:\n" + output()).isTrue();
  }

  /** The configured master holds the VIP (right after a deploy from nothing it may not yet). */
  private static void masterHoldsTheVip() {
    assertThat(
            FaultLab.eventually(
                Duration.ofSeconds(15), () -> lab.holdsVip("lb1") && !lab.holdsVip("lb2")))
        .as("lb1 holds " + lab.vip)
        .isTrue();
  }

  private static final String MASTER_FROZEN =
      "test -e " + MARKER + " && grep -q '^State:.*T' /proc/$(cat /run/vrrp.pid)/status";

  @Test
  @Order(1)
  void theBuildKilledMidActivation_thePairServes_andAPlainReRunTakesOverItsExpiredLease()
      throws Exception {
    lab.writeCmdb("maxconn: 3001\n");
    lab.slowReload("lb2", 5);
    Process build = start("deploy", "-Dlb.lockLease=4");
    await(build, "the activation of lb2 reached its reload", "lb2", "test -e /run/lb-test-in-reload");

    long pid = build.pid();
    build.destroyForcibly();
    assertThat(build.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(FaultLab.eventually(Duration.ofSeconds(5), () -> lab.fromClient(lab.vip).startsWith("web")))
        .as("the pair serves while the build is dead")
        .isTrue();
    String rerun = run(true, "deploy", "-Dlb.lockLease=4");
    assertThat(rerun)
        .contains("took over an expired lock (/run/lb-maven-plugin.lock) of ")
        .contains(" pid " + pid + " user ")
        .contains(" goal deploy");
    assertThat(Files.readString(PROJECT.resolve("target/lb/deploy-report.json")))
        .contains("\"state\": \"changed\"");
    lab.pairServes();
    run(true, "deploy");
    assertThat(Files.readString(PROJECT.resolve("target/lb/deploy-report.json")))
        .as("the run after changes nothing")
        .doesNotContain("\"state\": \"changed\"")
        .contains("\"state\": \"unchanged\"");
  }

  @Test
  @Order(2)
  void theBuildInterruptedDuringANodeLossDrill_thawsTheMaster_andRestartsKeepalived()
      throws Exception {
    masterHoldsTheVip();
    Process build = start("verify", "-Dlb.drill", "-Dlb.drillModes=NODE_LOSS", "-Dlb.lockLease=4");
    await(build, "the drill froze the master", "lb1", MASTER_FROZEN);

    new ProcessBuilder("kill", "-INT", String.valueOf(build.pid())).start().waitFor();
    assertThat(build.waitFor(60, TimeUnit.SECONDS)).as("the interrupted build ended").isTrue();

    assertThat(build.exitValue()).as("an interrupted build fails").isNotZero();
    assertThat(output())
        .contains("[lb1] the build is ending during a drill: putting the master back");
    assertThat(lab.on("lb1", "test -e " + MARKER + " && echo marked || echo clean").strip())
        .as("the drill's marker removed")
        .isEqualTo("clean");
    for (String host : FaultLab.PAIR) {
      assertThat(lab.on(host, "test -e /run/lb-maven-plugin.lock && echo held || echo free").strip())
          .as(host + "'s lock released")
          .isEqualTo("free");
    }
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(3)
  void aBuildKilledDuringADrill_leavesItsMarker_andTheNextGoalRepairsTheMaster() throws Exception {
    masterHoldsTheVip();
    Process build = start("verify", "-Dlb.drill", "-Dlb.drillModes=NODE_LOSS", "-Dlb.lockLease=4");
    await(build, "the drill froze the master", "lb1", MASTER_FROZEN);

    build.destroyForcibly();
    assertThat(build.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(FaultLab.eventually(Duration.ofSeconds(10), () -> lab.fromClient(lab.vip).startsWith("web")))
        .as("the backup serves while the master is frozen")
        .isTrue();
    assertThat(lab.on("lb1", "cat " + MARKER)).contains("mode=DAEMONS_FROZEN").contains("goal verify");
    Threads.sleep(4000); // the dead drill's lease ends
    String status = run(true, "status", "-Dlb.commandTimeout=40");
    assertThat(status)
        .contains("[lb1] found " + MARKER + ": a drill by ")
        .contains("was interrupted with keepalived and haproxy frozen (SIGSTOP)")
        .contains("repaired: the daemons thawed and keepalived restarted");
    assertThat(lab.on("lb1", "test -e " + MARKER + " && echo marked || echo clean").strip())
        .isEqualTo("clean");
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }
}
