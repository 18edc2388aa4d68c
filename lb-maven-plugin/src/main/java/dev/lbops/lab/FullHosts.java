package dev.lbops.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Full lab hosts: systemd-nspawn containers on the lab's bridge, each booted from an overlay of its
 * own on the {@link FullHostCache}'s Debian base, with its own systemd, host key, address and
 * package database.
 */
final class FullHosts {

  static final String LAUNCH_SCRIPT = "full-launch.sh";

  private FullHosts() {}

  /**
   * Boots one host: an overlay on the base, its own address, hostname, host key and the client's
   * key written into it, then systemd-nspawn on the lab's bridge, in a cgroup of its own.
   */
  static LabHost boot(LabHost planned, FullHostCache cache, String bridge, LabLayout layout) {
    try {
      return launch(planned, cache, bridge, layout);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the files of host " + planned.name(), e);
    }
  }

  private static LabHost launch(
      LabHost planned, FullHostCache cache, String bridge, LabLayout layout) throws IOException {
    Path hostDirectory = layout.hostDirectory(planned.name());
    Path upper = hostDirectory.resolve("upper");
    Path work = hostDirectory.resolve("work");
    Path root = hostDirectory.resolve("root");
    for (Path dir : List.of(upper, work, root)) {
      Files.createDirectories(dir);
    }
    Shell.run(
        "mount",
        "-t",
        "overlay",
        "overlay",
        "-o",
        "lowerdir=" + cache.base() + ",upperdir=" + upper + ",workdir=" + work,
        root.toString());
    Map<String, String> host =
        Map.of(
            "name",
            planned.name(),
            "address",
            planned.address(),
            "address6",
            LabState.ipv6(planned.address()));
    LabFiles.write(root.resolve("etc/hostname"), "hostname", host);
    LabFiles.write(root.resolve("etc/hosts"), "hosts", host);
    Path network = root.resolve("etc/systemd/network/10-host0.network");
    Files.createDirectories(network.getParent());
    // nspawn names the interface host0; light hosts call it eth0, and one cluster definition must
    // fit both.
    LabFiles.copy("full-lab-eth0.service", root.resolve("etc/systemd/system/lab-eth0.service"));
    Path sysinit = root.resolve("etc/systemd/system/sysinit.target.wants");
    Files.createDirectories(sysinit);
    Files.createSymbolicLink(
        sysinit.resolve("lab-eth0.service"), Path.of("/etc/systemd/system/lab-eth0.service"));
    LabFiles.write(network, "full-10-host0.network", host);
    Path ssh = root.resolve("root/.ssh");
    Files.createDirectories(ssh);
    Files.copy(layout.clientPublicKey(), ssh.resolve("authorized_keys"));
    Shell.newKey(root.resolve("etc/ssh/ssh_host_ed25519_key"), planned.name());
    LabFiles.copy("full-sshd-lab.conf", root.resolve("etc/ssh/sshd_config.d/lab.conf"));
    long pid =
        Shell.launch(
            List.of(
                "sh",
                layout.script(LAUNCH_SCRIPT).toString(),
                planned.namespace(),
                "-D",
                root.toString(),
                "--boot",
                "--machine=" + planned.namespace(),
                "--hostname=" + planned.name(),
                "--uuid=" + UUID.randomUUID(),
                "--network-bridge=" + bridge,
                "--register=no",
                "--keep-unit",
                "--console=read-only",
                "--bind-ro=" + cache.repo() + ":" + FullHostCache.REPO_IN_HOST),
            layout.console(planned.name()));
    return new LabHost(
        planned.name(),
        planned.role(),
        planned.address(),
        planned.namespace(),
        pid,
        Processes.startTime(pid));
  }

  /** The host's public key as it was made, for checking what the booted host presents. */
  static Path hostKey(LabHost host, LabLayout layout) {
    return layout.hostDirectory(host.name()).resolve("root/etc/ssh/ssh_host_ed25519_key.pub");
  }

  /**
   * Halts the container (SIGTERM: an orderly shutdown), then removes its overlay mount and cgroups.
   */
  static void remove(LabHost host, LabLayout layout) {
    Processes.end(host.pid(), host.pidStartTime(), 15_000);
    Path root = layout.hostDirectory(host.name()).resolve("root");
    if (Files.exists(root)) {
      Shell.attempt(List.of("umount", root.toString()));
    }
    Shell.attempt(
        List.of(
            "sh",
            "-c",
            LabFiles.text("full-remove-cgroups.sh"),
            "full-remove-cgroups.sh",
            host.namespace()));
    LabFiles.deleteTree(Path.of("/run/systemd/nspawn/propagate", host.namespace()));
  }

  /** The PID of the container's own PID 1 (its systemd), a child of systemd-nspawn. */
  static long init(LabHost host) {
    return Processes.firstChild(host.pid());
  }
}
