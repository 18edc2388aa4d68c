package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.Shellcheck;
import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.InitSystem;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The deploy's scripts as they are sent to a host, with real values. */
class DeployScriptsTest {

  @TempDir Path directory;

  /** Both configs changed, client-IP settings to apply, HAProxy to reload, Keepalived to start. */
  private PreparedHost prepared(InitSystem init) {
    HostConfig host = ClusterFixture.healthyPair(directory).load().cluster().host("lb1");
    HostFacts facts =
        HostFacts.parse(
            "init="
                + init.name().toLowerCase()
                + "\nstatus:HAPROXY=running 42\nstatus:KEEPALIVED=stopped\n");
    Map<Service, ServiceAction> actions = new LinkedHashMap<>();
    actions.put(Service.HAPROXY, ServiceAction.RELOAD);
    actions.put(Service.KEEPALIVED, ServiceAction.START);
    KernelSettings kernel =
        new KernelSettings(
            Map.of("net.ipv4.conf.eth0.send_redirects", "0"), true, false, List.of());
    return new PreparedHost(
        host,
        null,
        facts,
        List.of(ConfigKind.values()),
        kernel,
        true,
        actions,
        0,
        RECORD,
        FileShipping.NONE,
        LiveChange.reload("a test of the reload path"));
  }

  private static final DeployedState RECORD =
      DeployedState.of(
          "0.1.0",
          "dev.lbops.it:pair:1.0",
          "2026-11-30T12:00:00Z",
          Map.of(ConfigKind.HAPROXY, "aa11", ConfigKind.KEEPALIVED, "bb22"));

  @ParameterizedTest
  @EnumSource(InitSystem.class)
  void activateAndRestore_passShellcheck(InitSystem init) throws Exception {
    PreparedHost p = prepared(init);

    String activate = Activation.activateScript(p, "t0ken");
    String restore = Activation.restoreScript(p, "t0ken", Map.of());

    assertThat(Shellcheck.findings(activate)).as(activate).isEmpty();
    assertThat(Shellcheck.findings(restore)).as(restore).isEmpty();
  }

  @Test
  void restore_stopsWhatWasStopped_andReloadsOrStartsWhatRanAndChanged() {
    PreparedHost p = prepared(InitSystem.DIRECT);
    ServiceControl control = p.facts().control();

    String restore = Activation.restoreScript(p, "t0ken", Map.of());

    assertThat(restore)
        .contains(
            "if [ -f '/etc/haproxy/haproxy.cfg.lb-backup' ]; then mv -f"
                + " '/etc/haproxy/haproxy.cfg.lb-backup' '/etc/haproxy/haproxy.cfg';"
                + " else rm -f '/etc/haproxy/haproxy.cfg'; fi")
        .contains(KernelSettings.SYSCTL_FILE + ".lb-backup")
        .contains("{\n" + control.stop(Service.KEEPALIVED) + "\n} || true")
        .contains(
            "("
                + control.status(Service.HAPROXY)
                + ") | grep -q running && ("
                + control.reload(Service.HAPROXY)
                + ") || ("
                + control.start(Service.HAPROXY)
                + ")");
  }

  @Test
  void activate_recordsWhatTheHostGot_onlyAfterTheServicesTookIt() {
    PreparedHost p = prepared(InitSystem.DIRECT);
    ServiceControl control = p.facts().control();

    String activate = Activation.activateScript(p, "t0ken");

    assertThat(activate)
        .contains("mv -f '" + DeployedState.PATH + ".lb-new' '" + DeployedState.PATH);
    assertThat(activate.indexOf(DeployedState.PATH))
        .as("recorded after the reload, under set -e: a failed reload records nothing")
        .isGreaterThan(activate.indexOf(control.reload(Service.HAPROXY)));
  }

  @Test
  void restore_putsThePreviousRecordBack_orRemovesTheRecordWhenThereWasNone() {
    PreparedHost none = prepared(InitSystem.DIRECT);
    DeployedState earlier =
        DeployedState.of(
            "0.0.9", "g:a:0.9", "2026-11-01T00:00:00Z", Map.of(ConfigKind.HAPROXY, "cc33"));
    HostFacts recorded =
        HostFacts.parse(
            "init=direct\nstatus:HAPROXY=running 42\nstatus:KEEPALIVED=stopped\ndeployed="
                + Base64.getEncoder()
                    .encodeToString(earlier.json().getBytes(StandardCharsets.UTF_8))
                + "\n");
    PreparedHost some =
        new PreparedHost(
            none.config(),
            null,
            recorded,
            none.changed(),
            none.kernel(),
            true,
            none.actions(),
            0,
            RECORD,
            FileShipping.NONE,
            LiveChange.reload("a test of the reload path"));

    assertThat(Activation.restoreScript(none, "t0ken", Map.of()))
        .contains("rm -f '" + DeployedState.PATH + "'");
    assertThat(Activation.restoreScript(some, "t0ken", Map.of()))
        .contains("\"g:a:0.9\"", "cc33")
        .doesNotContain("aa11")
        .doesNotContain("rm -f '" + DeployedState.PATH + "'");
    String restore = Activation.restoreScript(some, "t0ken", Map.of());
    assertThat(restore.indexOf("\"g:a:0.9\""))
        .as("put back only when this deploy's activation got as far as its backups and record")
        .isGreaterThan(restore.indexOf("if [ \"$token\" = 't0ken' ]"))
        .isLessThan(restore.indexOf("rm -f '" + Activation.ACTIVATION + "'"));
  }

  @Test
  void activate_renamesStartsAndReloads_underSetE() {
    PreparedHost p = prepared(InitSystem.SYSTEMD);

    String activate = Activation.activateScript(p, "t0ken");

    assertThat(activate)
        .contains("set -e\n")
        .contains(
            "chown root:root '/etc/keepalived/keepalived.conf.lb-new' && chmod 600"
                + " '/etc/keepalived/keepalived.conf.lb-new' && mv -f"
                + " '/etc/keepalived/keepalived.conf.lb-new' '/etc/keepalived/keepalived.conf'")
        .contains("systemctl start 'keepalived'")
        .contains("systemctl reload 'haproxy'")
        .contains(KernelSettings.CLIENT_IP_SCRIPT)
        .contains("printf 'status:%s=' 'KEEPALIVED'");
  }

  @Test
  void installUploadFactsAndLock_passShellcheck() throws Exception {
    List<RenderedFile> files =
        List.of(
            new RenderedFile("lb1", ConfigKind.HAPROXY, "global\n  log 'x' \"y\" $z\n"),
            new RenderedFile("lb1", ConfigKind.KEEPALIVED, "global_defs {\n}\n"));

    assertThat(Shellcheck.findings(PackageInstallation.script("apt-get", List.of("haproxy"))))
        .isEmpty();
    assertThat(Shellcheck.findings(PackageInstallation.script("dnf", List.of("haproxy"))))
        .isEmpty();
    assertThat(Shellcheck.findings(HostPreparation.uploadScript(files))).isEmpty();
    assertThat(Shellcheck.findings(HostFacts.script())).isEmpty();
    assertThat(Shellcheck.findings(HostFacts.lockScript())).isEmpty();
  }

  /**
   * The upload in this machine's real shell, with an /etc/haproxy of its own: a config HAProxy
   * refuses is named and removed, the live one untouched.
   */
  @Test
  void upload_aConfigThatFailsItsCheck_isNamedAndRemoved() throws Exception {
    String script =
        HostPreparation.uploadScript(
            List.of(new RenderedFile("lb1", ConfigKind.HAPROXY, "global\n  no-such-keyword\n")));
    Process process =
        new ProcessBuilder(
                "unshare",
                "--mount",
                "sh",
                "-c",
                "mount -t tmpfs none /etc/haproxy && echo live > /etc/haproxy/haproxy.cfg"
                    + " && sh -c \"$1\"; echo exit=$?; ls /etc/haproxy; cat /etc/haproxy/haproxy.cfg",
                "sh",
                script)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();

    assertThat(output)
        .as(output)
        .contains("no-such-keyword", "failed=HAPROXY\nexit=1\nhaproxy.cfg\nlive\n");
  }
}
