package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.HostConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSettingsTest {

  @TempDir Path directory;

  private HostConfig lb1(String defaults) {
    return ClusterFixture.healthyPair(directory)
        .file("default.yml", defaults)
        .load()
        .cluster()
        .host("lb1");
  }

  @Test
  void aFrontendOnAVip_needsOnlyNonlocalBind() {
    KernelSettings kernel = KernelSettings.of(lb1(ClusterFixture.PAIR_DEFAULT));

    assertThat(kernel.sysctlFile()).isEqualTo("net.ipv4.ip_nonlocal_bind = 1\n");
    assertThat(kernel.clientIp()).isFalse();
    assertThat(kernel.tools()).isEmpty();
  }

  @Test
  void theClientIpMode_forwardsWithoutRedirects_andNeedsIptables() {
    KernelSettings kernel =
        KernelSettings.of(
            lb1(
                ClusterFixture.PAIR_DEFAULT.replace(
                    "balance: roundrobin", "balance: roundrobin\n    send_client_ip: 1")));

    assertThat(kernel.clientIp()).isTrue();
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

  @Test
  void nothingNeeded_isAlwaysInPlace() throws IOException {
    assertThat(new KernelSettings(java.util.Map.of(), false, false).inPlaceCondition())
        .isEqualTo("true");
  }
}
