package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.Shellcheck;
import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostStepException;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.FileReference;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.render.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a deploy handles the files shipped with one host's configs, and its scripts. */
class FileShippingTest {

  private static final String SITE = "/etc/haproxy/certs/site.pem";
  private static final String CHECK = "/usr/local/lib/lb-maven-plugin/check.sh";

  @TempDir Path dir;

  private HostConfig host() {
    return ClusterFixture.healthyPair(dir).load().cluster().host("lb1");
  }

  private static ShippedFile shipped(String path, String content, boolean executable) {
    return new ShippedFile(
        "lb1", path, content.getBytes(StandardCharsets.UTF_8), executable, "test");
  }

  private static RenderedFile haproxy(String... lines) {
    return new RenderedFile("lb1", ConfigKind.HAPROXY, String.join("\n", lines) + "\n");
  }

  /** Facts of a host with these files ({@code path -> "mode sha256"}) and this record. */
  private static HostFacts facts(Map<String, String> files, DeployedState deployed) {
    StringBuilder output =
        new StringBuilder("init=direct\nhaproxy=2.6 installed\nkeepalived=2.2 installed\n");
    files.forEach(
        (path, modeAndSum) -> {
          String[] words = modeAndSum.split(" ");
          output.append("file-mode ").append(words[0]).append(' ').append(path).append('\n');
          output.append("file-sum ").append(words[1]).append(' ').append(path).append('\n');
        });
    output
        .append("deployed=")
        .append(
            Base64.getEncoder().encodeToString(deployed.json().getBytes(StandardCharsets.UTF_8)))
        .append('\n');
    return HostFacts.parse(output.toString());
  }

  private static DeployedState recorded(String... paths) {
    DeployedState record = DeployedState.of("0.1.0", "g:a:1", "2026-11-30T12:00:00Z", Map.of());
    Map<String, String> files = new java.util.TreeMap<>();
    for (String path : paths) {
      files.put(path, "00");
    }
    return record.withFiles(files);
  }

  @Test
  void aPlan_writesOnlyWhatDiffers_removesWhatIsNoLongerShippedAndNamed_andKeepsWhatAConfigNames() {
    ShippedFile same = shipped("/etc/haproxy/maps/same.map", "a\n", false);
    ShippedFile changed = shipped("/etc/haproxy/maps/changed.map", "new\n", false);
    ShippedFile script = shipped(CHECK, "#!/bin/sh\n", true);
    HostFacts facts =
        facts(
            Map.of(
                "/etc/haproxy/maps/same.map",
                "600 " + same.sha256(),
                "/etc/haproxy/maps/changed.map",
                "600 " + shipped("x", "old\n", false).sha256(),
                CHECK,
                "600 " + script.sha256(),
                "/etc/haproxy/maps/gone.map",
                "600 ab",
                "/etc/haproxy/maps/named.map",
                "600 cd",
                "/etc/haproxy/errors/503.http",
                "644 ef"),
            recorded("/etc/haproxy/maps/gone.map", "/etc/haproxy/maps/named.map"));
    RenderedFile config =
        haproxy(
            "frontend www",
            "  http-request set-header X %[src,map_ip(/etc/haproxy/maps/named.map,x)]",
            "  errorfile 503 /etc/haproxy/errors/503.http",
            "  acl a src -f /opt/lists/allowed.lst");

    FileShipping plan =
        FileShipping.plan(host(), List.of(same, changed, script), List.of(config), facts, true);

    assertThat(plan.changed())
        .as("a different checksum, or a mode to fix")
        .extracting(ShippedFile::path)
        .containsExactly("/etc/haproxy/maps/changed.map", CHECK);
    assertThat(plan.removed()).containsExactly("/etc/haproxy/maps/gone.map");
    assertThat(plan.kept()).containsOnlyKeys("/etc/haproxy/maps/named.map");
    assertThat(plan.kept().get("/etc/haproxy/maps/named.map"))
        .isEqualTo("/etc/haproxy/haproxy.cfg:2");
    assertThat(plan.verify())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/opt/lists/allowed.lst"));
    assertThat(plan.touches(ConfigKind.HAPROXY)).isTrue();
    assertThat(plan.touches(ConfigKind.KEEPALIVED)).isFalse();
    assertThat(plan.reportLines())
        .containsExactly(
            "/etc/haproxy/maps/changed.map", CHECK, "/etc/haproxy/maps/gone.map (removed)");
  }

  @Test
  void aPathTheConfigsNameBelowTheRoots_thatIsNeitherShippedNorOnTheHost_isAnError_namingTheLine() {
    RenderedFile config =
        haproxy("frontend www", "  bind 198.18.0.100:443 ssl crt " + SITE, "  default_backend web");

    assertThatThrownBy(
            () ->
                FileShipping.plan(
                    host(), List.of(), List.of(config), facts(Map.of(), recorded()), true))
        .isInstanceOf(HostStepException.class)
        .hasMessage(
            "lb1: /etc/haproxy/haproxy.cfg:2 ('bind 198.18.0.100:443 ssl crt "
                + SITE
                + "') names "
                + SITE
                + ": neither shipped nor on the host. Ship it below lb.filesDirectory"
                + " (etc/haproxy/... mirrors /etc/haproxy/...), or fix the CMDB value that names it");
  }

  @Test
  void aMissingFileTheHostReports_isNamedOnlyWhenItsIndexIsOneOfOurs() {
    FileReference map =
        new FileReference(
            "lb1",
            ConfigKind.HAPROXY,
            "/opt/geo/zones.map",
            7,
            "  http-request set-var(txn.zone) src,map_ip(/opt/geo/zones.map)",
            "map_ip",
            false,
            false);
    FileShipping shipping = new FileShipping(List.of(), List.of(), Map.of(), List.of(map));

    assertThat(shipping.missing("0\n", host()))
        .isEqualTo(
            "/etc/haproxy/haproxy.cfg:7 ('http-request set-var(txn.zone) src,map_ip(/opt/geo/zones.map)')"
                + " names /opt/geo/zones.map");
    assertThat(shipping.missing("1", host()))
        .as("an index we did not send")
        .isEqualTo("a file the configs name (the host answered '1')");
    assertThat(shipping.missing("0; reboot", host()))
        .isEqualTo("a file the configs name (the host answered '0; reboot')");
  }

  @Test
  void everyScript_passesShellcheck() throws Exception {
    FileShipping plan =
        new FileShipping(
            List.of(shipped(SITE, "pem\n", false), shipped(CHECK, "#!/bin/sh\n", true)),
            List.of("/etc/haproxy/maps/gone.map"),
            Map.of(),
            List.of());
    List<String> scripts =
        List.of(
            HostPreparation.uploadScript(List.of(haproxy("global")), plan),
            plan.activateScript(),
            plan.restoreScript(),
            plan.checkScript(List.of(ConfigKind.HAPROXY)));
    for (String script : scripts) {
      assertThat(Shellcheck.findings(script)).as(script).isEmpty();
    }
  }

  @Test
  void
      onARealShell_theCheckSeesTheNewFilesInPlace_changingNothingLive_andActivationAndRestoreSwapThem()
          throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Server site = pki.server("site", "site.test", "127.0.0.1", 365);
    TestPki.Server stranger = pki.server("stranger", "stranger.test", "127.0.0.1", 365);
    String tls =
        String.join(
            "\n",
            "global",
            "  maxconn 100",
            "defaults",
            "  mode http",
            "  timeout connect 1s",
            "  timeout client 1s",
            "  timeout server 1s",
            "frontend www",
            "  bind 127.0.0.1:8443 ssl crt " + SITE,
            "  default_backend web",
            "backend web",
            "  server s1 127.0.0.1:8080",
            "");
    String keepalived =
        String.join(
            "\n",
            "global_defs {",
            "  script_user root",
            "  enable_script_security",
            "}",
            "vrrp_script chk {",
            "  script \"" + CHECK + "\"",
            "}",
            "vrrp_instance vi {",
            "  state MASTER",
            "  interface eth0",
            "  virtual_router_id 51",
            "  priority 100",
            "  virtual_ipaddress {",
            "    198.18.0.100/24",
            "  }",
            "  track_script {",
            "    chk",
            "  }",
            "}",
            "");
    List<RenderedFile> configs =
        List.of(
            new RenderedFile("lb1", ConfigKind.HAPROXY, tls),
            new RenderedFile("lb1", ConfigKind.KEEPALIVED, keepalived));
    FileShipping good =
        new FileShipping(
            List.of(
                shipped(SITE, site.pemWithoutKey() + site.keyPem(), false),
                shipped(CHECK, "#!/bin/sh\nexit 0\n", true)),
            List.of(),
            Map.of(),
            List.of());
    FileShipping wrongKey =
        new FileShipping(
            List.of(shipped(SITE, site.pemWithoutKey() + stranger.keyPem(), false)),
            List.of(),
            Map.of(),
            List.of());

    String output =
        IsolatedRoots.run(
            List.of(
                "printf 'global\\n' > /etc/haproxy/haproxy.cfg",
                "sh -c \"$1\"; echo \"upload-exit=$?\"",
                "echo live: $(ls -A /etc/haproxy /etc/haproxy/certs 2>&1 | tr '\\n' ' ')",
                "sh -c \"$2\"; echo \"failing-exit=$?\"",
                "echo after-failure: $(ls -A /etc/haproxy | tr '\\n' ' ')",
                "sh -c \"$1\" >/dev/null; sh -c \"$3\"; echo activated: $(stat -c '%a %n' "
                    + SITE
                    + " "
                    + CHECK
                    + ")",
                "ls /etc/haproxy/.lb-backup/certs 2>&1 | sed 's/^/backups: /'",
                "sh -c \"$4\"; echo restored: $(ls -A /etc/haproxy/certs /usr/local/lib/lb-maven-plugin 2>&1 | tr '\\n' ' ')"),
            HostPreparation.uploadScript(configs, good),
            HostPreparation.uploadScript(List.of(configs.get(0)), wrongKey),
            good.activateScript(),
            good.restoreScript());

    assertThat(output)
        .contains("upload-exit=0")
        .as("nothing live changed: the new files are staged, the configs beside")
        .contains(
            "live: /etc/haproxy: .lb-backup .lb-stage certs haproxy.cfg haproxy.cfg.lb-new"
                + " /etc/haproxy/certs:\n")
        .as("the key that is not the certificate's fails haproxy -c with the files in place")
        .contains(
            "inconsistencies between private key and certificate loaded '" + SITE + "'",
            "failed=HAPROXY",
            "failing-exit=1")
        .as("a check that fails leaves nothing staged and no new config")
        .contains("after-failure: .lb-backup certs haproxy.cfg\n")
        .contains("activated: 600 " + SITE + " 700 " + CHECK)
        .contains("restored: /etc/haproxy/certs: /usr/local/lib/lb-maven-plugin: .lb-backup\n");
  }
}
