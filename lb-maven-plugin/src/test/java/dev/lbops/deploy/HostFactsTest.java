package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.render.ConfigKind;
import dev.lbops.service.DirectServiceControl;
import dev.lbops.service.Service;
import dev.lbops.service.SystemdServiceControl;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HostFactsTest {

  @Test
  void parse_readsEveryFactTheScriptPrints() {
    String output =
        String.join(
            "\n",
            "lock=acquired",
            "os=debian",
            "init=systemd",
            "haproxy=2.6.12-1+deb12u4",
            "keepalived=2.2.7",
            "pm=apt-get",
            "interfaces=eth0 lo ",
            "networks=lo:127.0.0.1/8 eth0:198.18.5.11/24 ",
            "tools=iptables ",
            "kernel=ok",
            "sum:KEEPALIVED=abc",
            "sum:HAPROXY=",
            "content:HAPROXY=" + Base64.getEncoder().encodeToString("global\n".getBytes()),
            "status:HAPROXY=running 42",
            "status:KEEPALIVED=stopped",
            "");

    HostFacts facts = HostFacts.parse(output);

    assertThat(facts.locked()).isTrue();
    assertThat(facts.systemd()).isTrue();
    assertThat(facts.control()).isInstanceOf(SystemdServiceControl.class);
    assertThat(facts.haproxyVersion()).isEqualTo("2.6.12-1+deb12u4");
    assertThat(facts.interfaces()).containsExactlyInAnyOrder("eth0", "lo");
    assertThat(facts.networks()).contains("eth0:198.18.5.11/24");
    assertThat(Ipv4.contains("198.18.5.11/24", "198.18.5.150")).isTrue();
    assertThat(Ipv4.contains("198.18.5.11/24", "198.18.6.150")).isFalse();
    assertThat(Ipv4.contains("10.0.0.1/8", "10.255.0.1")).isTrue();
    assertThat(facts.checksums())
        .containsEntry(ConfigKind.KEEPALIVED, "abc")
        .containsEntry(ConfigKind.HAPROXY, "");
    assertThat(facts.contents().get(ConfigKind.HAPROXY)).isEqualTo("global\n");
    assertThat(facts.services().get(Service.HAPROXY).pid()).isEqualTo(42);
    assertThat(facts.services().get(Service.KEEPALIVED).running()).isFalse();
    assertThat(facts.tools()).containsExactly("iptables");
    assertThat(facts.kernelInPlace()).isTrue();
  }

  @Test
  void parse_aHostWithoutTheDaemonsOrSystemd_andAHeldLock() {
    HostFacts facts =
        HostFacts.parse("lock=held since 1764086400\ninit=direct\nhaproxy=\nkeepalived=\n");

    assertThat(facts.locked()).isFalse();
    assertThat(facts.lock()).isEqualTo("held since 1764086400");
    assertThat(facts.control()).isInstanceOf(DirectServiceControl.class);
    assertThat(facts.haproxyVersion()).isEmpty();
    assertThat(facts.services().get(Service.HAPROXY).running()).isFalse();
  }

  @Test
  void script_takesTheLockAndAsksForContentsOnlyForADiff() {
    KernelSettings none = new KernelSettings(java.util.Map.of(), false, false);
    assertThat(HostFacts.script(false, none))
        .startsWith("if mkdir /run/lb-maven-plugin.lock")
        .doesNotContain("content:");
    assertThat(HostFacts.script(true, none))
        .contains("content:HAPROXY=$(base64 -w0 /etc/haproxy/haproxy.cfg");
  }
}
