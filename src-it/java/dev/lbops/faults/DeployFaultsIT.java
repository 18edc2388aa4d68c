package dev.lbops.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.deploy.DeployException;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.HostOutcome;
import dev.lbops.ssh.HostKeys;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshException;
import dev.lbops.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected for real while lb:deploy runs on a pair of light hosts (lb1 master, lb2 backup):
 * a dead SSH session, a cut link, a frozen host, a full disk, a port taken, a config that serves
 * 503, two deploys at once. After each: the deploy failed (or succeeded) as it should, naming host
 * and step; its report says how each host was left; the pair serves on configs that pass their
 * checks with one VIP holder; a re-run converges and then changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployFaultsIT {

  private static FaultLab lab;

  @BeforeAll
  static void up() throws IOException {
    lab = FaultLab.up("faultsit");
    lab.deploy();
    lab.pairServes();
    lab.installSlowReload("lb1");
  }

  @BeforeEach
  void freshLog() {
    lab.log.lines.clear();
  }

  @AfterEach
  void undoFaults() {
    lab.undoFaults();
  }

  @AfterAll
  static void down() {
    lab.down();
  }

  private static DeployException failure(CompletableFuture<DeployReport> deploying) {
    try {
      deploying.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(DeployException.class);
      return (DeployException) e.getCause();
    }
    throw new AssertionError("the deploy succeeded");
  }

  private static Map<String, HostOutcome> outcomes(DeployException e) {
    Map<String, HostOutcome> outcomes = new LinkedHashMap<>();
    e.report().hosts().forEach(host -> outcomes.put(host.host(), host));
    return outcomes;
  }

  @Test
  @Order(1)
  void aCommandOverItsDeadline_isEndedOnTheHost_andFailsNamingTheHostAndItsPurpose() {
    SshTarget target =
        new SshTarget(
            "lb1",
            lab.lab.host("lb1").address(),
            22,
            "root",
            lab.lab.clientKey(),
            null,
            null,
            HostKeys.strict(lab.lab.knownHosts()),
            Duration.ofSeconds(3));
    try (SshConnection ssh = SshConnection.open(target)) {
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> ssh.exec("wait for a slow step", "sleep 12", null, Duration.ofSeconds(2)))
          .isInstanceOf(SshException.class)
          .hasMessage(
              "lb1: 'wait for a slow step' did not finish within 2 s (lb.commandTimeout) and was"
                  + " ended on the host");

      assertThat((System.nanoTime() - started) / 1_000_000_000)
          .as("seconds until the failure, for a 12 s command under 2 s")
          .isLessThan(6);
      assertThat(
              FaultLab.eventually(
                  Duration.ofSeconds(5),
                  () -> lab.on("lb1", "pgrep -x sleep || echo none").strip().equals("none")))
          .as("the command is gone on the host too")
          .isTrue();
      assertThat(ssh.exec("true", Duration.ofSeconds(5)).ok()).as("the connection still works").isTrue();
    }
  }

  @Test
  @Order(2)
  void theSshSessionsKilledMidActivation_theMasterIsRestoredOverANewConnection_andTheBackupRolledBack()
      throws IOException {
    lab.writeCmdb("maxconn: 2001\n");
    String before = lab.configs();
    lab.slowReload("lb1", 30);
    CompletableFuture<DeployReport> deploying = CompletableFuture.supplyAsync(() -> lab.deploy());
    lab.awaitMidActivation("lb1");

    lab.killSshSessions("lb1");

    DeployException e = failure(deploying);
    assertThat(e)
        .hasMessageContaining("lb1: activation failed: 'activate the new configs' failed")
        .hasMessageContaining("restored its previous configuration")
        .hasMessageContaining("rolled back [lb2]");
    assertThat(outcomes(e).get("lb1").state()).isEqualTo(HostOutcome.State.FAILED);
    assertThat(outcomes(e).get("lb2").state()).isEqualTo(HostOutcome.State.ROLLED_BACK);
    assertThat(lab.log.saw("[lb1] connected again")).as(lab.log.all()).isTrue();
    assertThat(lab.configs()).as("both hosts have their previous configs").isEqualTo(before);
    assertThat(lab.on("lb1", "pgrep -x sleep || echo none").strip())
        .as("the cut-off activation was ended before the restore")
        .isEqualTo("none");
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(3)
  void theMastersLinkCutMidActivation_isFoundByKeepalives_andTheHostRestoredOnceItIsBack()
      throws IOException {
    lab.writeCmdb("maxconn: 2002\n");
    String before = lab.configs();
    lab.slowReload("lb1", 30);
    CompletableFuture<DeployReport> deploying = CompletableFuture.supplyAsync(() -> lab.deploy());
    lab.awaitMidActivation("lb1");

    lab.link("lb1", false);
    long cut = System.nanoTime();
    assertThat(
            FaultLab.eventually(
                Duration.ofSeconds(30), () -> lab.log.saw("[lb1] the connection was lost")))
        .isTrue();
    long noticed = (System.nanoTime() - cut) / 1_000_000_000;
    lab.link("lb1", true);

    DeployException e = failure(deploying);
    assertThat(noticed)
        .as("seconds until the dead peer was noticed (lb.connectTimeout 3 s; lb.commandTimeout 60 s)")
        .isLessThan(10);
    assertThat(e)
        .hasMessageContaining("lb1: activation failed: 'activate the new configs' failed")
        .hasMessageContaining("the connection is lost")
        .hasMessageContaining("lb1: ")
        .hasMessageContaining("rolled back [lb2]");
    assertThat(outcomes(e).get("lb1").message()).contains("restored its previous configuration");
    assertThat(outcomes(e).get("lb2").state()).isEqualTo(HostOutcome.State.ROLLED_BACK);
    assertThat(lab.configs()).isEqualTo(before);
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(4)
  void aHostFrozenBeforeTheDeploy_failsItWithinTheConnectTimeout_andNothingChanges()
      throws IOException {
    lab.writeCmdb("maxconn: 2003\n");
    String before = lab.configs();
    assertThat(FaultLab.eventually(Duration.ofSeconds(30), () -> lab.holdsVip("lb1") && !lab.holdsVip("lb2")))
        .as("lb1 has taken the VIP back (a delayed fail-back) before lb2, the backup, is frozen")
        .isTrue();
    lab.freeze("lb2");
    try {
      assertThatThrownBy(() -> lab.deploy(Duration.ofSeconds(5)))
          .isInstanceOf(DeployException.class)
          .hasMessageContaining("Deploy failed before any host was changed")
          .hasMessageContaining("lb2: no SSH answer from")
          .satisfies(
              e -> {
                assertThat(outcomes((DeployException) e).get("lb2").state())
                    .isEqualTo(HostOutcome.State.FAILED);
                assertThat(outcomes((DeployException) e).get("lb1").state())
                    .isEqualTo(HostOutcome.State.NOT_CHANGED);
              });
      assertThat(lab.configs()).isEqualTo(before);
      assertThat(lab.fromClient(lab.vip)).as("the master serves on").startsWith("web");
    } finally {
      lab.thaw("lb2");
    }
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(5)
  void theMasterFrozenDuringItsActivation_underAShortCommandTimeout_failsTheDeploy_andTheBackupServes()
      throws IOException {
    lab.writeCmdb("maxconn: 2004\n");
    String lb2Before = lab.on("lb2", "sha256sum /etc/haproxy/haproxy.cfg");
    lab.slowReload("lb1", 6);
    CompletableFuture<DeployReport> deploying =
        CompletableFuture.supplyAsync(() -> lab.deploy(Duration.ofSeconds(5)));
    lab.awaitMidActivation("lb1");

    lab.freeze("lb1");
    DeployException e;
    try {
      e = failure(deploying);
      assertThat(lab.fromClient(lab.vip)).as("the backup took the VIP over").startsWith("web");
    } finally {
      lab.thaw("lb1");
    }

    assertThat(e)
        .hasMessageContaining("lb1: activation failed: 'activate the new configs'")
        .hasMessageContaining("RESTORING FAILED, the host needs attention")
        .hasMessageContaining("rolled back [lb2]");
    assertThat(outcomes(e).get("lb1").state()).isEqualTo(HostOutcome.State.FAILED);
    assertThat(outcomes(e).get("lb1").message())
        .contains("It may run the new configuration (its activation was cut off)");
    assertThat(outcomes(e).get("lb2").state()).isEqualTo(HostOutcome.State.ROLLED_BACK);
    assertThat(lab.on("lb2", "sha256sum /etc/haproxy/haproxy.cfg")).isEqualTo(lb2Before);
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(6)
  void aFullEtcHaproxyOnTheBackup_failsTheUpload_beforeAnyHostChanges() throws IOException {
    lab.writeCmdb("maxconn: 2005\n");
    String before = lab.configs();
    lab.fillEtcHaproxy("lb2");

    assertThatThrownBy(() -> lab.deploy())
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("Deploy failed before any host was changed")
        .hasMessageContaining("lb2: cannot write /etc/haproxy/haproxy.cfg.lb-new")
        .satisfies(
            e ->
                assertThat(outcomes((DeployException) e).get("lb1").state())
                    .isEqualTo(HostOutcome.State.NOT_CHANGED));

    assertThat(lab.configs()).isEqualTo(before);
    assertThat(lab.on("lb2", "ls /etc/haproxy")).doesNotContain(".lb-new");
    for (String host : FaultLab.PAIR) {
      assertThat(lab.on(host, "test -e /run/lb-maven-plugin.lock && echo held || echo free").strip())
          .as(host + "'s lock released")
          .isEqualTo("free");
    }
    lab.undoFaults();
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(7)
  void aPortTakenOnTheMaster_failsItsReload_andBothHostsAreRestored() throws IOException {
    String subnet = lab.lab.state().subnet();
    lab.writeCmdb(
        String.join(
            "\n",
            "maxconn: 2006",
            "listen:",
            "  - name: extra",
            "    bind: '*:8081'",
            "    mode: tcp",
            "    server:",
            "      - name: s",
            "        dst: " + subnet + ".101:80",
            ""));
    String before = lab.configs();
    lab.on(
        "lb1",
        "setsid /usr/bin/python3 -m http.server 8081 --bind 0.0.0.0 >/dev/null 2>&1 </dev/null &"
            + " echo $! > /run/lb-test-squatter");
    try {
      assertThat(
              FaultLab.eventually(
                  Duration.ofSeconds(10),
                  () -> lab.on("lb1", "grep -c ':1F91 ' /proc/net/tcp || true").strip().equals("1")))
          .as("another process listens on 8081 on lb1")
          .isTrue();

      assertThatThrownBy(() -> lab.deploy())
          .isInstanceOf(DeployException.class)
          .hasMessageContaining("lb1: activation failed")
          .hasMessageContaining("8081")
          .hasMessageContaining("restored its previous configuration")
          .hasMessageContaining("rolled back [lb2]");
      assertThat(lab.configs()).isEqualTo(before);
    } finally {
      lab.on("lb1", "kill $(cat /run/lb-test-squatter)");
    }
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(8)
  void aConfigWhoseServersAreDown_failsThePostDeployCheckOnTheBackup_beforeTheMasterIsTouched()
      throws IOException {
    lab.writeCmdb(lab.cmdb, 81, "maxconn: 2007\n"); // no server listens on 81
    String before = lab.configs();

    assertThatThrownBy(() -> lab.deploy())
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("lb2: post-deploy check failed: down on lb2 and up before: web/web1 DOWN")
        .hasMessageContaining("restored its previous configuration")
        .satisfies(
            e -> {
              assertThat(outcomes((DeployException) e).get("lb2").state())
                  .isEqualTo(HostOutcome.State.FAILED);
              assertThat(outcomes((DeployException) e).get("lb1").state())
                  .isEqualTo(HostOutcome.State.NOT_CHANGED);
            });

    assertThat(lab.configs()).isEqualTo(before);
    lab.pairServes();
    lab.writeCmdb("maxconn: 2007\n");
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(9)
  void aConfigThatAnswers503_passesOnTheBackup_failsThePostDeployCheckOnTheMaster_andBothRollBack()
      throws IOException {
    lab.writeCmdb(
        lab.cmdb, 80, "option httpchk OPTIONS /\nhttp-request deny deny_status 503", "maxconn: 2010\n");
    String before = lab.configs();

    assertThatThrownBy(() -> lab.deploy())
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("lb1: post-deploy check failed: frontend www on " + lab.vip + ":80")
        .hasMessageContaining("503")
        .hasMessageContaining("restored its previous configuration")
        .hasMessageContaining("rolled back [lb2]")
        .satisfies(
            e -> {
              assertThat(outcomes((DeployException) e).get("lb1").state())
                  .isEqualTo(HostOutcome.State.FAILED);
              assertThat(outcomes((DeployException) e).get("lb2").state())
                  .isEqualTo(HostOutcome.State.ROLLED_BACK);
            });

    assertThat(lab.log.saw("[lb2] post-deploy check passed"))
        .as("the backup's activation passed: the VIP still went to the master")
        .isTrue();
    assertThat(lab.configs()).isEqualTo(before);
    lab.pairServes();
    lab.writeCmdb("maxconn: 2010\n");
    lab.convergesThenChangesNothing();
  }

  @Test
  @Order(10)
  void twoDeploysAtOnce_inOppositeHostOrders_neitherDeadlocks_oneWaitsForTheOther()
      throws IOException {
    Path swapped = lab.lab.directory().resolve("cmdb-swapped");
    Files.createDirectories(swapped);
    lab.writeCmdb(swapped, 80, "maxconn: 2008\n");
    lab.writeHost(swapped, "lb1", false);
    lab.writeHost(swapped, "lb2", true);
    lab.writeCmdb("maxconn: 2009\n");

    CompletableFuture<DeployReport> first =
        CompletableFuture.supplyAsync(
            () ->
                lab.pipeline(lab.cmdb)
                    .deploy(
                        lab.render("rendered-a"),
                        lab.options(Duration.ofSeconds(60), Duration.ofSeconds(10))));
    CompletableFuture<DeployReport> second =
        CompletableFuture.supplyAsync(
            () ->
                lab.pipeline(swapped)
                    .deploy(
                        lab.render("rendered-b"),
                        lab.options(Duration.ofSeconds(60), Duration.ofSeconds(10))));

    DeployReport a = first.join();
    DeployReport b = second.join();
    assertThat(a.hosts()).extracting(HostOutcome::host).as("backups first").containsExactly("lb2", "lb1");
    assertThat(b.hosts()).extracting(HostOutcome::host).as("backups first").containsExactly("lb1", "lb2");
    assertThat(List.of(a.success(), b.success())).containsOnly(true);
    assertThat(lab.log.saw("waiting for the lock: held since")).as(lab.log.all()).isTrue();
    lab.pairServes();
    lab.convergesThenChangesNothing();
  }
}
