package dev.lbops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.LbLog;
import dev.lbops.ssh.SshConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LabLifecycleIT {

  /** Asserts that nothing the lab made is left on the machine. */
  private static void assertNoTrace(LabState state, Path directory) throws IOException {
    String namespaces = Shell.run("ip", "netns", "list");
    for (LabHost host : state.hosts()) {
      assertThat(namespaces).as("namespace").doesNotContain(host.namespace());
      assertThat(Path.of("/etc/netns", host.namespace())).doesNotExist();
      if (host.pid() > 0) {
        assertThat(Processes.isAlive(host.pid(), host.pidStartTime())).as("process of %s", host.name()).isFalse();
      }
    }
    assertThat(Network.exists(state.bridge())).as("bridge").isFalse();
    for (LabHost host : state.hosts()) {
      assertThat(Shell.run("find", "/sys/fs/cgroup", "-maxdepth", "6", "-name", "nspawn-" + host.namespace())).as("cgroups").isBlank();
      assertThat(Path.of("/run/systemd/nspawn/propagate", host.namespace())).doesNotExist();
    }
    assertThat(Files.readString(Path.of("/proc/mounts"))).as("mounts").doesNotContain(directory.toAbsolutePath().toString());
    assertThat(Shell.run("ip", "-o", "-4", "addr", "show")).doesNotContain(" " + state.subnet() + ".");
    assertThat(directory).doesNotExist();
  }

  @Test
  void down_removesEveryTraceOfTheLab() throws IOException {
    Lab lab = LabFixture.up("traceit", 2, 1);
    LabState state = lab.state();
    assertThat(state.hosts()).hasSize(4);

    assertThat(Lab.down(lab.directory(), LbLog.NONE)).isTrue();

    assertNoTrace(state, lab.directory());
  }

  @Test
  void down_removesEveryTraceOfAFullLab() throws IOException {
    Lab lab = LabFixture.up("fulltrace", HostKind.FULL, 1, 0);
    LabState state = lab.state();
    assertThat(Files.readString(Path.of("/proc/mounts"))).contains(lab.directory().toString());

    assertThat(Lab.down(lab.directory(), LbLog.NONE)).isTrue();

    assertNoTrace(state, lab.directory());
  }

  @Test
  void down_removesOnlyWhatTheLabMade_fromAUsersDirectory() throws IOException {
    Path directory = LabFixture.LABS.resolve("userdir");
    Files.createDirectories(directory.resolve("cmdb"));
    Files.writeString(directory.resolve("cmdb/default.yml"), "maxconn: 1\n");
    Lab lab = Lab.up(new LabSpec("userdirit", HostKind.LIGHT, 1, 1, directory), LbLog.NONE);

    Lab.down(lab.directory(), LbLog.NONE);

    assertThat(directory.resolve("cmdb/default.yml")).hasContent("maxconn: 1");
    try (java.util.stream.Stream<Path> left = Files.list(directory)) {
      assertThat(left.map(path -> path.getFileName().toString())).containsExactly("cmdb");
    }
  }

  @Test
  void down_whenNoLabIsUp_doesNothing() {
    assertThat(Lab.down(LabFixture.LABS.resolve("neverup"), LbLog.NONE)).isFalse();
  }

  @Test
  void aSecondLabOfTheSameName_isRefused_andLabsOfOtherNamesDoNotCollide() {
    Lab first = LabFixture.up("dupit", 1, 0);
    try {
      assertThatThrownBy(() -> Lab.up(new LabSpec("dupit", HostKind.LIGHT, 1, 0, LabFixture.LABS.resolve("dupit-again")), LbLog.NONE))
          .isInstanceOf(LabException.class)
          .hasMessageContaining("A lab named 'dupit' is already up");

      Lab other = LabFixture.up("otherit", 1, 0);
      try {
        assertThat(other.state().bridge()).isNotEqualTo(first.state().bridge());
        assertThat(other.state().subnet()).isNotEqualTo(first.state().subnet());
        assertThat(LabFixture.run(other, "lb1", "hostname").stdout()).isEqualTo("lb1\n");
        assertThat(LabFixture.run(first, "lb1", "hostname").stdout()).isEqualTo("lb1\n");
      } finally {
        Lab.down(other.directory(), LbLog.NONE);
      }
    } finally {
      Lab.down(first.directory(), LbLog.NONE);
    }
  }

  @Test
  void down_afterTheJvmThatMadeTheLabWasKilled_removesItFromTheStateFile() throws Exception {
    Path directory = LabFixture.LABS.resolve("crashit").toAbsolutePath();
    Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LabUpMain.class.getName(), "crashit", directory.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream()))) {
      assertThat(out.readLine()).as("the lab came up in the other JVM").isEqualTo("UP");
    }
    build.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Lab orphan = Lab.open(directory);
    assertThat(LabFixture.run(orphan, "lb1", "hostname").stdout()).as("the hosts outlive the killed JVM").isEqualTo("lb1\n");

    assertThat(Lab.down(directory, LbLog.NONE)).isTrue();

    assertNoTrace(orphan.state(), directory);
  }

  @Test
  void thirtyTwoLoadBalancers_comeUpAndAnswerSsh() {
    Lab lab = LabFixture.up("manyit", 32, 0);
    try {
      List<LabHost> hosts = lab.hosts(Role.LOAD_BALANCER);
      assertThat(hosts).hasSize(32);
      List<String> names = hosts.parallelStream().map(host -> {
        try (SshConnection ssh = LabFixture.ssh(lab, host)) {
          return ssh.exec("hostname", Duration.ofSeconds(20)).stdout().strip();
        }
      }).toList();
      assertThat(names).isEqualTo(hosts.stream().map(LabHost::name).toList());
    } finally {
      Lab.down(lab.directory(), LbLog.NONE);
    }
  }
}
