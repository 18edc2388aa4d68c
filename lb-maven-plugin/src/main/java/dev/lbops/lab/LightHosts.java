package dev.lbops.lab;

import dev.lbops.core.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Light lab hosts: network namespaces on the lab's bridge. A load balancer also gets its own {@code
 * /etc/haproxy}, {@code /etc/keepalived} and {@code /etc/ssh} (bind-mounted by {@code ip netns
 * exec} from {@code /etc/netns/<namespace>/}), its own {@code /run} and PIDs under tini, and its
 * own sshd; a backend runs {@value #BACKEND_SCRIPT}; the client is the bare namespace.
 */
final class LightHosts {

  static final String INIT_SCRIPT = "light-init.sh";
  static final String BACKEND_SCRIPT = "backend.py";

  private static final Path NETNS_ETC = Path.of("/etc/netns");

  private LightHosts() {}

  /** Makes {@code planned}'s namespace with {@code veth} on {@code bridge}, then the host. */
  static LabHost make(LabHost planned, String veth, String bridge, LabLayout layout) {
    Network.createNamespace(planned.namespace(), veth, bridge, planned.address());
    try {
      return switch (planned.role()) {
        case LOAD_BALANCER -> loadBalancer(planned, layout);
        case BACKEND -> backend(planned, layout);
        case CLIENT -> planned;
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the files of host " + planned.name(), e);
    }
  }

  private static LabHost backend(LabHost planned, LabLayout layout) {
    long pid =
        Shell.launch(
            List.of(
                "ip",
                "netns",
                "exec",
                planned.namespace(),
                "python3",
                layout.script(BACKEND_SCRIPT).toString(),
                planned.address(),
                String.valueOf(Lab.BACKEND_PORT),
                planned.name()),
            layout.backendLog(planned.name()));
    return started(planned, pid);
  }

  private static LabHost loadBalancer(LabHost planned, LabLayout layout) throws IOException {
    String name = planned.name();
    Path etc = NETNS_ETC.resolve(planned.namespace());
    // Its namespace was just made, so an entry already there is a crashed lab's leftover.
    LabFiles.deleteTree(etc);
    Path ssh = etc.resolve("ssh");
    Files.createDirectories(ssh);
    for (String shared : List.of("haproxy", "keepalived", "default", "sysctl.d")) {
      Shell.run("cp", "-a", "/etc/" + shared + "/.", etc.resolve(shared) + "/");
    }
    Map<String, String> host = Map.of("name", name, "address", planned.address());
    LabFiles.write(etc.resolve("hostname"), "hostname", host);
    LabFiles.write(etc.resolve("hosts"), "hosts", host);
    LabFiles.copy("resolv.conf", etc.resolve("resolv.conf"));
    Shell.newKey(ssh.resolve("ssh_host_ed25519_key"), name);
    Files.copy(layout.clientPublicKey(), ssh.resolve("authorized_keys"));
    LabFiles.write(ssh.resolve("sshd_config"), "light-sshd_config", host);
    Path hostDirectory = layout.hostDirectory(name);
    Files.createDirectories(hostDirectory.resolve("run"));
    Files.createDirectories(hostDirectory.resolve("var-lib-haproxy"));
    Files.createDirectories(hostDirectory.resolve("var-lib-lb-maven-plugin"));
    Files.createDirectories(
        hostDirectory.resolve("root"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    long launcher =
        Shell.launch(
            List.of(
                "ip",
                "netns",
                "exec",
                planned.namespace(),
                "unshare",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--uts",
                "--",
                "tini",
                "-s",
                "--",
                "/bin/sh",
                layout.script(INIT_SCRIPT).toString(),
                hostDirectory.toString(),
                name),
            layout.console(name));
    long init = 0;
    for (int wait = 0; wait < 200 && init == 0; wait++) {
      init = Processes.firstChild(launcher);
      if (init == 0) {
        Threads.sleep(10);
      }
    }
    if (init == 0) {
      throw new LabException("Host " + name + " did not start: see " + layout.console(name));
    }
    // Killing PID 1 of the host's PID namespace ends every process in it.
    return started(planned, init);
  }

  private static LabHost started(LabHost planned, long pid) {
    return new LabHost(
        planned.name(),
        planned.role(),
        planned.address(),
        planned.namespace(),
        pid,
        Processes.startTime(pid));
  }

  /** The public key made for a load balancer before it started. */
  static Path hostKey(LabHost host) {
    return NETNS_ETC.resolve(host.namespace()).resolve("ssh/ssh_host_ed25519_key.pub");
  }

  /** Ends the host's process (by PID and start time), deletes its namespace and its /etc/netns. */
  static void remove(LabHost host) {
    Processes.end(host.pid(), host.pidStartTime(), 3000);
    Network.deleteNamespace(host.namespace());
    LabFiles.deleteTree(NETNS_ETC.resolve(host.namespace()));
  }

  /** Removes /etc/netns once no namespace has an entry there any more. */
  static void removeEmptyNetnsEtc() {
    try (Stream<Path> entries = Files.list(NETNS_ETC)) {
      if (entries.findAny().isEmpty()) {
        Files.deleteIfExists(NETNS_ETC);
      }
    } catch (IOException e) {
      // /etc/netns is absent or still used by someone else's namespaces: leave it.
    }
  }
}
