package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.Shellcheck;
import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.Checksums;
import dev.lbops.model.Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    return KernelSettings.of(cluster, cluster.host("lb1"), List.of("eth0:198.18.0.11/24"));
  }

  @Test
  void aFrontendOnAVip_needsNonlocalBind_andTheHandoverToItsPeer() {
    KernelSettings kernel = lb1(ClusterFixture.PAIR_DEFAULT);

    assertThat(kernel.sysctlFile()).isEqualTo("net.ipv4.ip_nonlocal_bind = 1\n");
    assertThat(kernel.clientIp()).isFalse();
    assertThat(kernel.handoverConf())
        .endsWith(" hands on to a peer when the VIPs move.\n198.18.0.100 198.18.0.12 3 51 eth0\n");
    assertThat(kernel.tools()).containsExactly("iptables");
    assertThat(kernel.files())
        .contains(KernelSettings.HANDOVER_SCRIPT, KernelSettings.HANDOVER_CONF);
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
    String output = inNamespaces(run.replace("SCRIPT", script.toString())).output();

    assertThat(output.lines().toList())
        .as(output)
        .containsExactly("missing", "in place", "4", "1", "local default dev lo scope host ");
  }

  /**
   * The handover script with the real iptables and ip, in a throwaway network and mount namespace:
   * its rules, lo addresses and ARP settings once however often it runs; a rule or address taken
   * away, or another file, seen as not in place and put right; nothing left after 'off'.
   */
  @Test
  void theHandoverRules_areAddedOnce_putRightWhenChanged_andGoWithOff() throws Exception {
    KernelSettings two =
        new KernelSettings(
            Map.of(),
            false,
            false,
            List.of(
                new Handover("198.18.0.100", "198.18.0.12", 3, 51, "lo"),
                new Handover("198.18.0.101", "198.18.0.12", 3, 52, "lo")));
    KernelSettings one =
        new KernelSettings(
            Map.of(),
            false,
            false,
            List.of(new Handover("198.18.0.100", "198.18.0.13", 1, 51, "lo")));
    Path script = directory.resolve("handover");
    Path first = directory.resolve("first");
    Path second = directory.resolve("second");
    Files.writeString(script, KernelSettings.HANDOVER_SCRIPT_CONTENT);
    Files.writeString(first, two.handoverConf());
    Files.writeString(second, one.handoverConf());
    String run =
        "mount -t tmpfs none /etc/keepalived; ip link set lo up; cp FIRST CONF;"
            + " sh SCRIPT check || echo missing; sh SCRIPT && sh SCRIPT && sh SCRIPT check"
            + " && echo in place; iptables -t mangle -S | grep -c LB_HANDOVER;"
            + " iptables -t mangle -S LB_HANDOVER | grep -c 'u32';"
            + " ip -o addr show dev lo label lo:lb | awk '{print $4}';"
            + " cat /proc/sys/net/ipv4/conf/lo/arp_ignore /proc/sys/net/ipv4/conf/lo/arp_announce;"
            + " ip addr del 198.18.0.101/32 dev lo; sh SCRIPT check || echo address gone;"
            + " sh SCRIPT; iptables -t mangle -D OUTPUT -j LB_HANDOVER_OUT;"
            + " sh SCRIPT check || echo rule gone; sh SCRIPT;"
            + " cp SECOND CONF; sh SCRIPT check || echo other file; sh SCRIPT && sh SCRIPT check"
            + " && echo replaced; iptables -t mangle -S | grep -c 198.18.0.12;"
            + " sh SCRIPT off; iptables -t mangle -S | grep -c LB_HANDOVER;"
            + " ip -o addr show dev lo label lo:lb | wc -l";
    String output =
        inNamespaces(
                run.replace("SCRIPT", script.toString())
                    .replace("FIRST", first.toString())
                    .replace("SECOND", second.toString())
                    .replace("CONF", KernelSettings.HANDOVER_CONF))
            .output();

    assertThat(output.lines().toList())
        .as(output)
        .containsExactly(
            "missing",
            "in place",
            "14",
            "2",
            "198.18.0.100/32",
            "198.18.0.101/32",
            "1",
            "2",
            "address gone",
            "rule gone",
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

  @Test
  void inPlace_needsTheHandoverFilesRulesInPlace_andNoHandoverLeftWhereNoneIsWanted() {
    KernelSettings wanted =
        new KernelSettings(
            Map.of(),
            false,
            false,
            List.of(new Handover("198.18.0.100", "198.18.0.12", 3, 51, "eth0")));
    KernelSettings none = new KernelSettings(Map.of(), false, false, List.of());
    String sum = Checksums.sha256(wanted.handoverConf()) + "  -";
    Map<String, String> applied = Map.of("sysctl-file", Checksums.sha256("") + "  -");

    assertThat(wanted.inPlace(reported(applied, "handover", sum))).isTrue();
    assertThat(wanted.inPlace(reported(applied, "handover", "no")))
        .as("rules or addresses missing")
        .isFalse();
    assertThat(wanted.inPlace(reported(applied))).as("no handover file").isFalse();
    assertThat(none.inPlace(reported(Map.of()))).isTrue();
    assertThat(none.inPlace(reported(Map.of(), "handover", sum)))
        .as("a handover no longer wanted")
        .isFalse();
  }

  private static KernelSettings.Reported reported(Map<String, String> values, String... more) {
    Map<String, String> all = new LinkedHashMap<>(values);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return KernelSettings.Reported.parse(all);
  }

  /**
   * The apply script in this machine's real shell, in a network namespace and with the files'
   * directories of its own: afterwards the facts script finds every setting in place, for the
   * client-IP mode and for the handover; and a handover no longer wanted is taken away.
   */
  @Test
  void applied_theSettingsAreReadAsInPlace() throws Exception {
    assertAppliedInPlace(
        new KernelSettings(
            new LinkedHashMap<>(
                Map.of("net.ipv4.ip_nonlocal_bind", "1", "net.ipv4.conf.lo.send_redirects", "0")),
            true,
            false,
            List.of()));
    assertAppliedInPlace(
        new KernelSettings(
            new LinkedHashMap<>(Map.of("net.ipv4.ip_nonlocal_bind", "1")),
            false,
            false,
            List.of(new Handover("198.18.0.100", "198.18.0.12", 3, 51, "lo"))));
  }

  @Test
  void aHandoverNoLongerWanted_isTakenAway() throws Exception {
    KernelSettings wanted =
        new KernelSettings(
            Map.of(),
            false,
            false,
            List.of(new Handover("198.18.0.100", "198.18.0.12", 3, 51, "lo")));
    KernelSettings none = new KernelSettings(Map.of(), false, false, List.of());
    String[] runs = applied(wanted.applyScript(), none.applyScript());

    assertThat(none.inPlace(HostFacts.parse(runs[0]).kernel())).as(runs[0]).isFalse();
    assertThat(none.inPlace(HostFacts.parse(runs[2]).kernel())).as(runs[2]).isTrue();
    assertThat(runs[2]).doesNotContain("handover=");
  }

  private void assertAppliedInPlace(KernelSettings kernel) throws Exception {
    String[] runs = applied("true", kernel.applyScript());

    assertThat(kernel.inPlace(HostFacts.parse(runs[0]).kernel())).as(runs[0]).isFalse();
    assertThat(kernel.inPlace(HostFacts.parse(runs[2]).kernel())).as(runs[2]).isTrue();
  }

  /**
   * What the facts script reads after {@code first}, and again after {@code second}, both applied
   * in a network and mount namespace of their own (between them what {@code second} printed).
   */
  private static String[] applied(String first, String second) throws Exception {
    String run =
        "mount -t tmpfs none /etc/sysctl.d && mount -t tmpfs none /usr/local/sbin"
            + " && mount -t tmpfs none /etc/keepalived && mount -t tmpfs none /run"
            + " && ip link set lo up && sh -ec \"$2\" && sh -c \"$1\" && echo ---"
            + " && sh -ec \"$3\" && echo --- && sh -c \"$1\"";
    Ran ran = inNamespaces(run, HostFacts.script(), first, second);
    assertThat(ran.exit()).as(ran.output()).isZero();
    return ran.output().split("---\n");
  }

  private record Ran(int exit, String output) {}

  /**
   * {@code run} by {@code sh} in a throwaway network and mount namespace, {@code args} its $1...;
   * what it printed on stdout and stderr.
   */
  private static Ran inNamespaces(String run, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("unshare", "--net", "--mount", "sh", "-c", run, "sh"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(process.waitFor(), output);
  }
}
