package dev.lbops.lab;

import static dev.lbops.lab.LabFixture.eventually;
import static dev.lbops.lab.LabFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.LbLog;
import dev.lbops.remote.Service;
import dev.lbops.remote.InitSystem;
import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.ServiceStatus;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshTarget;
import dev.lbops.ssh.HostKeys;
import dev.lbops.ssh.SshException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What every kind of lab host must do, proven on a lab of two load balancers, two backends and a
 * client that each kind's test class brings up once.
 */
abstract class LabContract {

  protected static Lab lab;

  @AfterAll
  static void down() {
    if (lab != null) {
      Lab.down(lab.directory(), LbLog.NONE);
      lab = null;
    }
  }

  private String addressOf(String host) {
    return lab.host(host).address();
  }

  private Lab.Output fromClient(String... command) {
    return lab.run(lab.host("client"), command);
  }

  @Test
  void everyLoadBalancer_acceptsSshWithStrictHostKeyChecking_fromSshjAndOpenSsh() throws Exception {
    for (LabHost host : lab.hosts(Role.LOAD_BALANCER)) {
      assertThat(run(lab, host.name(), "hostname").stdout().strip()).isEqualTo(host.name());

      Process openssh = new ProcessBuilder("ssh", "-i", lab.clientKey().toString(), "-o", "UserKnownHostsFile=" + lab.knownHosts(),
          "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "root@" + host.address(), "hostname").redirectErrorStream(true).start();
      assertThat(new String(openssh.getInputStream().readAllBytes()).strip()).isEqualTo(host.name());
      assertThat(openssh.waitFor()).isZero();
    }
  }

  @Test
  void anUnknownHostKey_isRefusedWithItsFingerprint() throws IOException {
    Path onlyLb2 = lab.directory().resolve("known_hosts.only-lb2");
    Files.write(onlyLb2, Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(addressOf("lb2") + " ")).toList());

    assertThatThrownBy(() -> SshConnection.open(LabFixture.target(lab, lab.host("lb1"), onlyLb2)).close())
        .isInstanceOf(SshException.class)
        .hasMessageStartingWith("lb1: refused to connect")
        .hasMessageContaining("its host key is not in")
        .hasMessageMatching("(?s).*ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}.*");
  }

  @Test
  void acceptingNewKeys_recordsAnUnknownKeyOnce_butStillRefusesAChangedOne() throws IOException {
    Path fresh = lab.directory().resolve("tofu/known_hosts");
    Files.deleteIfExists(fresh);
    LabHost lb1 = lab.host("lb1");
    SshTarget acceptNew = new SshTarget(lb1.name(), lb1.address(), 22, "root", lab.clientKey(), null, null,
        new HostKeys(fresh, true), Duration.ofSeconds(10));

    try (SshConnection first = SshConnection.open(acceptNew)) {
      assertThat(first.acceptedHostKey()).contains("accepted the new host key ssh-ed25519 SHA256:", fresh.toString());
    }
    try (SshConnection second = SshConnection.open(LabFixture.target(lab, lb1, fresh))) {
      assertThat(second.acceptedHostKey()).as("known now: strict checking passes").isEmpty();
    }
    String recorded = Files.readString(fresh).strip();
    String expected = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(addressOf("lb1") + " ")).findFirst().orElseThrow();
    assertThat(recorded.split(" ", 2)[1]).as("the key lb1 really has").isEqualTo(expected.split(" ", 2)[1]);

    String lb2Key = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(addressOf("lb2") + " ")).findFirst().orElseThrow();
    Files.writeString(fresh, lb2Key.replace(addressOf("lb2"), addressOf("lb1")) + "\n");
    assertThatThrownBy(() -> SshConnection.open(acceptNew).close())
        .isInstanceOf(SshException.class)
        .hasMessageContaining("its host key CHANGED");
  }

  @Test
  void aChangedHostKey_isRefused() throws IOException {
    String lb2Key = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(addressOf("lb2") + " ")).findFirst().orElseThrow();
    Path wrong = lab.directory().resolve("known_hosts.wrong");
    Files.writeString(wrong, lb2Key.replace(addressOf("lb2"), addressOf("lb1")) + "\n");

    assertThatThrownBy(() -> SshConnection.open(LabFixture.target(lab, lab.host("lb1"), wrong)).close())
        .isInstanceOf(SshException.class)
        .hasMessageContaining("its host key CHANGED");
  }

  @Test
  void theLab_hasNoRouteOut() {
    for (LabHost host : lab.state().hosts()) {
      assertThat(lab.run(host, "ip", "route", "show", "default").output()).as(host.name()).isBlank();
      assertThat(lab.run(host, "ip", "-6", "route", "show", "default").output()).as(host.name() + " IPv6").isBlank();
    }
  }

  @Test
  void eachHost_hasItsIpv6Twin_inTheDocumentationRange() {
    for (LabHost host : lab.state().hosts()) {
      assertThat(lab.ipv6Address(host)).startsWith("2001:db8:");
      assertThat(lab.run(host, "ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "global").output())
          .as(host.name()).contains(" " + lab.ipv6Address(host) + "/64");
    }
  }

  @Test
  void hosts_areIsolated_inTheirConfigDirectoriesAndProcesses() {
    run(lab, "lb1", "echo lb1 > /etc/haproxy/marker && echo lb1 > /run/marker");

    assertThat(run(lab, "lb1", "cat /etc/haproxy/marker /run/marker").stdout()).isEqualTo("lb1\nlb1\n");
    assertThat(run(lab, "lb2", "test -e /etc/haproxy/marker || test -e /run/marker").exitStatus()).isNotZero();
    assertThat(Files.exists(Path.of("/etc/haproxy/marker"))).as("the machine's /etc is untouched").isFalse();
    assertThat(run(lab, "lb1", "ps -o comm= -p 1").stdout().strip()).isEqualTo(expectedInit());
    String lb1Processes = run(lab, "lb1", "ps -e -o comm=").stdout();
    assertThat(lb1Processes).contains("sshd").doesNotContain("python3");
    assertThat(lb1Processes.lines().filter(l -> l.strip().equals("sshd")).count()).as("its own sshd and this session only").isLessThanOrEqualTo(3);
  }

  @Test
  void backends_answerWithTheirOwnName_fromTheClient() {
    for (LabHost backend : lab.hosts(Role.BACKEND)) {
      assertThat(fromClient("curl", "-s", "-m", "5", "http://" + backend.address() + "/").output()).isEqualTo(backend.name() + "\n");
      assertThat(fromClient("curl", "-s", "-m", "5", "-X", "OPTIONS", "http://" + backend.address() + "/").output()).isEqualTo(backend.name() + "\n");
    }
  }

  /** The name of PID 1 on a load balancer of this kind. */
  protected abstract String expectedInit();

  /** The service control this kind of host must get. */
  protected abstract Class<? extends ServiceControl> expectedControl();

  @Test
  void serviceControl_startsReloadsAndStopsHaproxy_checkedByPidAndByEffect() {
    ServiceControl control = InitSystem.parse(run(lab, "lb1", InitSystem.DETECT).stdout()).control();
    assertThat(control).isInstanceOf(expectedControl());
    run(lab, "lb1", control.stop(Service.HAPROXY));
    String frontend = addressOf("lb1") + ":8080";
    run(lab, "lb1", "printf '%s\\n' 'global' '  maxconn 100' 'defaults' '  mode http' '  timeout connect 2s' '  timeout client 5s' '  timeout server 5s'"
        + " 'frontend f' '  bind " + frontend + "' '  default_backend b' 'backend b' '  server web1 " + addressOf("web1") + ":80' > /etc/haproxy/haproxy.cfg");

    assertThat(run(lab, "lb1", control.start(Service.HAPROXY)).exitStatus()).isZero();
    ServiceStatus started = ServiceStatus.parse(run(lab, "lb1", control.status(Service.HAPROXY)).stdout());
    assertThat(started.running()).isTrue();
    assertThat(fromClient("curl", "-s", "-m", "5", "http://" + frontend + "/").output()).isEqualTo("web1\n");

    String before = run(lab, "lb1", "pgrep -x haproxy | sort").stdout();
    assertThat(run(lab, "lb1", control.reload(Service.HAPROXY)).exitStatus()).isZero();
    ServiceStatus reloaded = ServiceStatus.parse(run(lab, "lb1", control.status(Service.HAPROXY)).stdout());
    assertThat(reloaded.running()).isTrue();
    assertThat(fromClient("curl", "-s", "-m", "5", "http://" + frontend + "/").output()).isEqualTo("web1\n");
    assertThat(eventually(Duration.ofSeconds(5), () -> {
      List<String> after = run(lab, "lb1", "pgrep -x haproxy | sort").stdout().lines().toList();
      return before.lines().anyMatch(pid -> !after.contains(pid) && !pid.equals(String.valueOf(reloaded.pid())));
    })).as("a new process took the sockets over and the old one left (was %s)", before.strip()).isTrue();

    assertThat(run(lab, "lb1", control.stop(Service.HAPROXY)).exitStatus()).isZero();
    assertThat(ServiceStatus.parse(run(lab, "lb1", control.status(Service.HAPROXY)).stdout()).running()).isFalse();
    assertThat(run(lab, "lb1", "pgrep -x haproxy").exitStatus()).isNotZero();
    assertThat(fromClient("curl", "-s", "-m", "2", "http://" + frontend + "/").exit()).isNotZero();
  }

  @Test
  void aHandWrittenKeepalivedPair_movesTheVipWhenTheMastersKeepalivedStops() {
    String vip = lab.virtualIp(0);
    ServiceControl control = InitSystem.parse(run(lab, "lb1", InitSystem.DETECT).stdout()).control();
    for (String host : List.of("lb1", "lb2")) {
      boolean master = host.equals("lb1");
      String config = String.join("\n",
          "global_defs {", "  router_id " + host, "}",
          "vrrp_instance vi_it {", "  state " + (master ? "MASTER" : "BACKUP"), "  interface eth0", "  virtual_router_id 77",
          "  priority " + (master ? 150 : 100), "  advert_int 1", "  virtual_ipaddress {", "    " + vip + "/24", "  }", "}", "");
      run(lab, host, "cat > /etc/keepalived/keepalived.conf <<'EOF'\n" + config + "EOF");
      assertThat(run(lab, host, control.start(Service.KEEPALIVED)).exitStatus()).as("start on %s", host).isZero();
    }
    try {
      assertThat(eventually(Duration.ofSeconds(10), () -> holdsVip("lb1", vip))).as("lb1 takes the VIP").isTrue();
      assertThat(holdsVip("lb2", vip)).isFalse();

      CommandResult stop = run(lab, "lb1", control.stop(Service.KEEPALIVED));
      assertThat(stop.exitStatus()).isZero();
      assertThat(ServiceStatus.parse(run(lab, "lb1", control.status(Service.KEEPALIVED)).stdout()).running()).isFalse();

      assertThat(eventually(Duration.ofSeconds(10), () -> holdsVip("lb2", vip))).as("lb2 takes the VIP over").isTrue();
      assertThat(holdsVip("lb1", vip)).as("lb1 gave it up").isFalse();
    } finally {
      run(lab, "lb1", control.stop(Service.KEEPALIVED));
      run(lab, "lb2", control.stop(Service.KEEPALIVED));
    }
  }

  private boolean holdsVip(String host, String vip) {
    return run(lab, host, "ip -o -4 addr show dev eth0").stdout().contains(" " + vip + "/24 ");
  }
}
