package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.Shellcheck;
import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.Checksums;
import dev.lbops.model.Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSettingsTest {

  @TempDir Path directory;

  private KernelSettings lb1(String defaults) {
    Cluster cluster =
        ClusterFixture.healthyPair(directory).file("default.yml", defaults).load().cluster();
    return KernelSettings.of(cluster, cluster.host("lb1"));
  }

  @Test
  void aFrontendOnAVip_needsNonlocalBind_andTheHandoverToItsPeer_withArpOnlyWhereTheVipIs() {
    KernelSettings kernel = lb1(ClusterFixture.PAIR_DEFAULT);

    assertThat(kernel.sysctlFile())
        .isEqualTo(
            "net.ipv4.ip_nonlocal_bind = 1\n"
                + "net.ipv4.conf.eth0.arp_ignore = 1\n"
                + "net.ipv4.conf.eth0.arp_announce = 2\n");
    assertThat(kernel.clientIp()).isFalse();
    assertThat(kernel.handover()).containsExactly(new Handover("198.18.0.100", "198.18.0.12", 3));
    assertThat(kernel.tools()).containsExactly("iptables");
    assertThat(kernel.files()).contains(KernelSettings.HANDOVER_SCRIPT);
  }

  @Test
  void theClientIpMode_forwardsWithoutRedirects_andNeedsIptables() {
    KernelSettings kernel =
        lb1(
            ClusterFixture.PAIR_DEFAULT.replace(
                "balance: roundrobin", "balance: roundrobin\n    send_client_ip: 1"));

    assertThat(kernel.clientIp()).isTrue();
    assertThat(kernel.handover()).as("the servers' replies come through the holder").isEmpty();
    assertThat(kernel.sysctls())
        .containsEntry("net.ipv4.conf.all.forwarding", "1")
        .containsEntry("net.ipv4.conf.all.send_redirects", "0")
        .containsEntry("net.ipv4.conf.eth0.send_redirects", "0");
    assertThat(kernel.tools()).containsExactly("iptables");
    assertThat(kernel.files()).contains(KernelSettings.CLIENT_IP_SCRIPT);
  }

  /** The rules script with the real iptables and ip, in a throwaway network namespace. */
  @Test
  void theClientIpRules_areAddedOnce_however_oftenTheScriptRuns() throws Exception {
    Path script = directory.resolve("client-ip");
    Files.writeString(script, KernelSettings.CLIENT_IP_SCRIPT_CONTENT);
    String run =
        "sh SCRIPT check || echo missing; sh SCRIPT && sh SCRIPT && sh SCRIPT check && echo in place; "
            + "iptables -t mangle -S | grep -c DIVERT; ip rule show | grep -c 'fwmark 0x309 lookup 700'; "
            + "ip route show table 700";
    Process process =
        new ProcessBuilder("unshare", "--net", "sh", "-c", run.replace("SCRIPT", script.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();

    assertThat(output.lines().toList())
        .as(output)
        .containsExactly("missing", "in place", "4", "1", "local default dev lo scope host ");
  }

  /**
   * The handover script with the real iptables and ip, in a throwaway network and mount namespace:
   * its rules and lo addresses once however often it runs, another file's seen as not in place and
   * replaced, and nothing left after 'off'.
   */
  @Test
  void theHandoverRules_areAddedOnce_replaceAnotherFilesRules_andGoWithOff() throws Exception {
    KernelSettings two =
        new KernelSettings(
            Map.of(),
            false,
            false,
            List.of(
                new Handover("198.18.0.100", "198.18.0.12", 3),
                new Handover("198.18.0.101", "198.18.0.12", 3)));
    KernelSettings one =
        new KernelSettings(
            Map.of(), false, false, List.of(new Handover("198.18.0.100", "198.18.0.13", 1)));
    Path script = directory.resolve("handover");
    Path first = directory.resolve("first");
    Path second = directory.resolve("second");
    Files.writeString(script, KernelSettings.HANDOVER_SCRIPT_CONTENT);
    Files.writeString(first, two.handoverConf());
    Files.writeString(second, one.handoverConf());
    String conf = KernelSettings.HANDOVER_CONF;
    String run =
        "mount -t tmpfs none /etc/keepalived; ip link set lo up; cp FIRST CONF;"
            + " sh SCRIPT check || echo missing; sh SCRIPT && sh SCRIPT && sh SCRIPT check"
            + " && echo in place; iptables -t mangle -S | grep -c LB_HANDOVER;"
            + " ip -o addr show dev lo label lo:lb | awk '{print $4}';"
            + " cp SECOND CONF; sh SCRIPT check || echo other file; sh SCRIPT && sh SCRIPT check"
            + " && echo replaced; iptables -t mangle -S | grep -c 198.18.0.12;"
            + " sh SCRIPT off; iptables -t mangle -S | grep -c LB_HANDOVER;"
            + " ip -o addr show dev lo label lo:lb | wc -l";
    Process process =
        new ProcessBuilder(
                "unshare",
                "--net",
                "--mount",
                "sh",
                "-c",
                run.replace("SCRIPT", script.toString())
                    .replace("FIRST", first.toString())
                    .replace("SECOND", second.toString())
                    .replace("CONF", conf))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();

    assertThat(output.lines().toList())
        .as(output)
        .containsExactly(
            "missing",
            "in place",
            "13",
            "198.18.0.100/32",
            "198.18.0.101/32",
            "other file",
            "replaced",
            "0",
            "0",
            "0");
  }

  @Test
  void theHandoverScript_andTheApplyScriptsWithAndWithoutIt_passShellcheck() throws Exception {
    KernelSettings with = lb1(ClusterFixture.PAIR_DEFAULT);
    KernelSettings without = new KernelSettings(Map.of(), false, false, List.of());

    assertThat(Shellcheck.findings(KernelSettings.HANDOVER_SCRIPT_CONTENT)).isEmpty();
    assertThat(Shellcheck.findings(with.applyScript())).as(with.applyScript()).isEmpty();
    assertThat(Shellcheck.findings(without.applyScript())).as(without.applyScript()).isEmpty();
  }

  @Test
  void nothingNeeded_isAlwaysInPlace() {
    assertThat(
            new KernelSettings(Map.of(), false, false, List.of())
                .inPlace(new KernelSettings.Reported(Map.of(), "", false, false, "")))
        .isTrue();
  }

  @Test
  void inPlace_needsTheFileEverySettingAndForClientIpTheRulesAndTheirUnit() {
    KernelSettings kernel =
        new KernelSettings(
            Map.of("net.ipv4.ip_nonlocal_bind", "1", "net.ipv4.conf.eth0.send_redirects", "0"),
            true,
            false,
            List.of());
    String sum = Checksums.sha256(kernel.sysctlFile()) + "  -";
    Map<String, String> live =
        Map.of(
            "net/ipv4/ip_nonlocal_bind", "1",
            "net/ipv4/conf/eth0/send_redirects", "0",
            "net/ipv4/conf/all/forwarding", "0");

    assertThat(kernel.inPlace(new KernelSettings.Reported(live, sum, true, true, ""))).isTrue();
    assertThat(kernel.inPlace(new KernelSettings.Reported(live, "", true, true, "")))
        .as("no sysctl file")
        .isFalse();
    assertThat(
            kernel.inPlace(
                new KernelSettings.Reported(
                    Map.of("net/ipv4/ip_nonlocal_bind", "1"), sum, true, true, "")))
        .as("a setting not applied")
        .isFalse();
    assertThat(kernel.inPlace(new KernelSettings.Reported(live, sum, false, true, "")))
        .as("the packet rules missing")
        .isFalse();
    assertThat(kernel.inPlace(new KernelSettings.Reported(live, sum, true, false, "")))
        .as("the boot unit not enabled")
        .isFalse();
  }

  @Test
  void theBootUnit_runsTheRulesScript() {
    assertThat(KernelSettings.CLIENT_IP_UNIT_CONTENT)
        .contains("ExecStart=" + KernelSettings.CLIENT_IP_SCRIPT + "\n");
  }

  /**
   * The apply script in this machine's real shell, in a network namespace and with the files'
   * directories of its own: afterwards the facts script finds every setting in place.
   */
  @Test
  void applied_theSettingsAreReadAsInPlace() throws Exception {
    KernelSettings kernel =
        new KernelSettings(
            new LinkedHashMap<>(
                Map.of("net.ipv4.ip_nonlocal_bind", "1", "net.ipv4.conf.lo.send_redirects", "0")),
            true,
            false,
            List.of(new Handover("198.18.0.100", "198.18.0.12", 3)));
    String run =
        "mount -t tmpfs none /etc/sysctl.d && mount -t tmpfs none /usr/local/sbin"
            + " && mount -t tmpfs none /etc/keepalived"
            + " && mount -t tmpfs none /run && sh -c \"$1\" && echo --- && sh -ec \"$2\""
            + " && echo --- && sh -c \"$1\"";
    Process process =
        new ProcessBuilder(
                "unshare",
                "--net",
                "--mount",
                "sh",
                "-c",
                run,
                "sh",
                HostFacts.script(),
                kernel.applyScript())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    String[] runs = output.split("---\n");

    assertThat(kernel.inPlace(HostFacts.parse(runs[0]).kernel())).as(output).isFalse();
    assertThat(kernel.inPlace(HostFacts.parse(runs[2]).kernel())).as(output).isTrue();
  }
}
