package dev.lbops.lab;

import static dev.lbops.lab.LabFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.SystemdServiceControl;
import dev.lbops.ssh.CommandResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab contract on full hosts: containers with their own systemd, root filesystem and apt. */
class FullLabIT extends LabContract {

  @BeforeAll
  static void up() {
    lab = LabFixture.up("fullit", HostKind.FULL, 2, 2);
    List.of("lb1", "lb2").parallelStream().forEach(host -> {
      CommandResult install = run(lab, host, "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy keepalived");
      assertThat(install.exitStatus()).as("apt-get install on %s: %s", host, install.stderr()).isZero();
    });
  }

  @Override
  protected Class<? extends ServiceControl> expectedControl() {
    return SystemdServiceControl.class;
  }

  @Override
  protected String expectedInit() {
    return "systemd";
  }

  @Test
  void eachHost_runsItsOwnSystemd_andHasItsOwnMachineId() {
    assertThat(run(lab, "lb1", "cat /proc/1/comm").stdout()).isEqualTo("systemd\n");
    assertThat(run(lab, "lb1", "systemctl is-system-running").stdout().strip()).isEqualTo("running");
    assertThat(run(lab, "lb1", "cat /etc/machine-id").stdout()).isNotEqualTo(run(lab, "lb2", "cat /etc/machine-id").stdout());
  }

  @Test
  void aptGet_installsFromTheLabsLocalRepository_onOneHostOnly() {
    CommandResult install = run(lab, "lb1", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl && command -v curl");
    assertThat(install.exitStatus()).as(install.stderr()).isZero();
    assertThat(run(lab, "lb1", "apt-get indextargets --format '$(URI)' | head -1").stdout()).contains("file:/srv/localrepo");
    assertThat(run(lab, "lb2", "command -v curl").exitStatus()).as("lb2 has its own package database").isNotZero();
  }
}
