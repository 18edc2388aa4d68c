package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.Shellcheck;
import dev.lbops.binding.ClusterFixture;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a deploy gives HAProxy its new config live, and what the host then runs. */
class LiveApplicationTest {

  @TempDir Path directory;

  private static final String CURRENT =
      """
      global
        stats socket /run/haproxy/admin.sock mode 660 level admin

      backend web
        balance roundrobin
        server web1 198.18.5.101:80 check
        server web2 198.18.5.102:80 check
      """;
  private static final String WEIGHTED =
      CURRENT.replace("198.18.5.102:80 check", "198.18.5.102:80 check weight 20");

  private static HostFacts facts(String haproxy, String keepalived) {
    return HostFacts.parse(
        "init=direct\nstatus:HAPROXY="
            + haproxy
            + "\nstatus:KEEPALIVED="
            + keepalived
            + "\ncontent:HAPROXY="
            + Base64.getEncoder().encodeToString(CURRENT.getBytes(StandardCharsets.UTF_8))
            + "\n");
  }

  private static Map<Service, ServiceAction> actions(ServiceAction haproxy, ServiceAction other) {
    Map<Service, ServiceAction> actions = new EnumMap<>(Service.class);
    actions.put(Service.HAPROXY, haproxy);
    actions.put(Service.KEEPALIVED, other);
    return actions;
  }

  private static final List<RenderedFile> HAPROXY_ONLY =
      List.of(new RenderedFile("lb1", ConfigKind.HAPROXY, WEIGHTED));

  @Test
  void aServerOnlyChangeOfHaproxyCfg_isAppliedLive_insteadOfAReload() {
    Map<Service, ServiceAction> actions = actions(ServiceAction.RELOAD, ServiceAction.NONE);

    LiveChange change =
        LiveApplication.plan(
            HAPROXY_ONLY, FileShipping.NONE, false, actions, facts("running 42", "running 43"));

    assertThat(change.commands()).containsExactly("set server web/web2 weight 20");
    assertThat(actions).containsEntry(Service.HAPROXY, ServiceAction.LIVE);
  }

  @Test
  void keepalivedConfigChangedToo_isAReload() {
    Map<Service, ServiceAction> actions = actions(ServiceAction.RELOAD, ServiceAction.RELOAD);
    List<RenderedFile> both =
        List.of(HAPROXY_ONLY.get(0), new RenderedFile("lb1", ConfigKind.KEEPALIVED, "x"));

    LiveChange change =
        LiveApplication.plan(
            both, FileShipping.NONE, false, actions, facts("running 42", "running 43"));

    assertThat(change.live()).isFalse();
    assertThat(actions).containsEntry(Service.HAPROXY, ServiceAction.RELOAD);
  }

  @Test
  void kernelSettingsToApply_orKeepalivedToStart_isAReload() {
    assertThat(
            LiveApplication.plan(
                    HAPROXY_ONLY,
                    FileShipping.NONE,
                    true,
                    actions(ServiceAction.RELOAD, ServiceAction.NONE),
                    facts("running 42", "running 43"))
                .live())
        .isFalse();
    assertThat(
            LiveApplication.plan(
                    HAPROXY_ONLY,
                    FileShipping.NONE,
                    false,
                    actions(ServiceAction.RELOAD, ServiceAction.START),
                    facts("running 42", "stopped"))
                .live())
        .isFalse();
  }

  @Test
  void aHaproxyCfgEditedOnTheHost_isReloaded_forHaproxyMayRunAnotherConfigThanTheFile() {
    DeployedState recorded =
        DeployedState.of(
            "0.1.0", "g:a:1", "2026-11-30T12:00:00Z", Map.of(ConfigKind.HAPROXY, "aa11"));
    HostFacts edited =
        HostFacts.parse(
            "init=direct\nstatus:HAPROXY=running 42\nstatus:KEEPALIVED=running 43\ncontent:HAPROXY="
                + Base64.getEncoder().encodeToString(CURRENT.getBytes(StandardCharsets.UTF_8))
                + "\ndeployed="
                + Base64.getEncoder()
                    .encodeToString(recorded.json().getBytes(StandardCharsets.UTF_8))
                + "\n");
    Map<Service, ServiceAction> actions = actions(ServiceAction.RELOAD, ServiceAction.NONE);

    LiveChange change =
        LiveApplication.plan(HAPROXY_ONLY, FileShipping.NONE, false, actions, edited);

    assertThat(change.reloadBecause())
        .isEqualTo("haproxy.cfg was edited on the host since the last deploy");
    assertThat(actions).containsEntry(Service.HAPROXY, ServiceAction.RELOAD);
  }

  @Test
  void aStoppedHaproxy_isStarted_notChangedLive() {
    Map<Service, ServiceAction> actions = actions(ServiceAction.START, ServiceAction.NONE);

    LiveChange change =
        LiveApplication.plan(
            HAPROXY_ONLY, FileShipping.NONE, false, actions, facts("stopped", "running 43"));

    assertThat(change.live()).isFalse();
    assertThat(actions).containsEntry(Service.HAPROXY, ServiceAction.START);
  }

  private PreparedHost live() {
    Map<Service, ServiceAction> actions = actions(ServiceAction.RELOAD, ServiceAction.NONE);
    HostFacts facts = facts("running 42", "running 43");
    LiveChange change =
        LiveApplication.plan(HAPROXY_ONLY, FileShipping.NONE, false, actions, facts);
    return prepared(facts, actions, change);
  }

  private PreparedHost prepared(
      HostFacts facts, Map<Service, ServiceAction> actions, LiveChange change) {
    return new PreparedHost(
        ClusterFixture.healthyPair(directory).load().cluster().host("lb1"),
        null,
        facts,
        List.of(ConfigKind.HAPROXY),
        new KernelSettings(Map.of(), false, false, List.of()),
        false,
        actions,
        0,
        DeployedState.of("0.1.0", "g:a:1", "2026-11-30T12:00:00Z", Map.of()),
        FileShipping.NONE,
        change);
  }

  @Test
  void aLiveHostsActivation_renamesTheCheckedFileIntoPlace_withoutReloadingHaproxy()
      throws Exception {
    PreparedHost p = live();
    ServiceControl control = p.facts().control();

    String activate = Activation.activateScript(p, "t0ken");

    assertThat(activate)
        .contains("mv -f '/etc/haproxy/haproxy.cfg.lb-new' '/etc/haproxy/haproxy.cfg'")
        .doesNotContain(control.reload(Service.HAPROXY))
        .doesNotContain(control.start(Service.HAPROXY));
    assertThat(Shellcheck.findings(activate)).as(activate).isEmpty();
  }

  @Test
  void aLiveHostRestored_isReloadedWithItsPreviousConfig_whichUndoesTheLiveChange() {
    PreparedHost p = live();

    assertThat(Activation.restoreScript(p, "t0ken", Map.of()))
        .contains(p.facts().control().reload(Service.HAPROXY));
  }

  @Test
  void aLiveHostRestored_getsTheServersItsChangeTookOutBack_beforeItsReload() throws Exception {
    String disabled = CURRENT.replace("198.18.5.102:80 check", "198.18.5.102:80 check disabled");
    Map<Service, ServiceAction> actions = actions(ServiceAction.RELOAD, ServiceAction.NONE);
    HostFacts facts = facts("running 42", "running 43");
    LiveChange change =
        LiveApplication.plan(
            List.of(new RenderedFile("lb1", ConfigKind.HAPROXY, disabled)),
            FileShipping.NONE,
            false,
            actions,
            facts);
    PreparedHost p = prepared(facts, actions, change);

    String restore = Activation.restoreScript(p, "t0ken", Map.of());

    assertThat(restore.indexOf("'set server web/web2 state ready'"))
        .as(restore)
        .isPositive()
        .isLessThan(restore.indexOf(p.facts().control().reload(Service.HAPROXY)));
    assertThat(Shellcheck.findings(restore)).as(restore).isEmpty();
  }

  @Test
  void aLiveChangeThatFailed_isReloadedInstead() {
    PreparedHost reloaded = live().reloadInstead("HAProxy's runtime API refused it");

    assertThat(reloaded.appliedLive()).isFalse();
    assertThat(reloaded.actions()).containsEntry(Service.HAPROXY, ServiceAction.RELOAD);
    assertThat(Activation.activateScript(reloaded, "t0ken"))
        .contains(reloaded.facts().control().reload(Service.HAPROXY));
  }

  @Test
  void theReport_saysAppliedLive() {
    HostOutcome outcome =
        new HostOutcome(
            "lb1",
            List.of("/etc/haproxy/haproxy.cfg"),
            Map.of("haproxy", ServiceAction.LIVE, "keepalived", ServiceAction.NONE),
            HostOutcome.State.CHANGED,
            0.4,
            "");

    assertThat(new DeployReport(true, List.of(outcome), List.of()).table().get(1))
        .contains("haproxy applied live, keepalived none");
  }

  @Test
  void theDiff_saysWhetherHaproxyWouldTakeItLiveOrReload() {
    assertThat(DryRun.howHaproxyTakesIt(live()))
        .contains("live: HAProxy would take this change through its runtime API, without a reload")
        .contains("set server web/web2 weight 20");
    assertThat(DryRun.howHaproxyTakesIt(live().reloadInstead("lines other than the servers")))
        .contains("reload: lines other than the servers");
  }
}
