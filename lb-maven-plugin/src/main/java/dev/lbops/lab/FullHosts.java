package dev.lbops.lab;

import dev.lbops.core.LbLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Full lab hosts: systemd-nspawn containers booted from a Debian base built once per machine
 * (debootstrap) with an overlay per host, and a local package repository the lab builds, since the
 * hosts have no route out.
 */
final class FullHosts {

  static final Path CACHE = Path.of("/var/cache/lb-lab");
  static final String REPO_IN_HOST = "/srv/localrepo";

  /** What the base lacks and the hosts install with apt-get: the daemons and their helpers. */
  private static final List<String> REPO_PACKAGES =
      List.of("haproxy", "keepalived", "ipvsadm", "iptables", "curl", "sudo");

  private static final Pattern SOURCES_URI = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
  private static final Pattern LIST_URI =
      Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+\\S+\\s");

  private FullHosts() {}

  record Cache(Path base, Path repo) {}

  /** The base and the package repository, built on first use and reused by every later lab. */
  static Cache ensureCache(LbLog log) {
    String suite = osRelease("VERSION_CODENAME");
    Path base = CACHE.resolve("base-" + suite);
    // A repository per package list: adding a package builds a new one.
    Path repo =
        CACHE.resolve("repo-" + suite + "-" + Network.shortHash(String.join(" ", REPO_PACKAGES)));
    try {
      Files.createDirectories(CACHE);
      try (FileChannel channel =
              FileChannel.open(
                  CACHE.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!Files.exists(base.resolve(".lb-lab-complete"))) {
          buildBase(base, suite, log);
        }
        if (!Files.exists(repo.resolve(".lb-lab-complete"))) {
          buildRepo(base, repo, log);
        }
      }
    } catch (IOException e) {
      throw new LabException("Cannot prepare the lab cache in " + CACHE + ": " + e.getMessage(), e);
    }
    return new Cache(base, repo);
  }

  private static void buildBase(Path base, String suite, LbLog log) throws IOException {
    log.info(
        "Building the Debian "
            + suite
            + " base of full lab hosts in "
            + base
            + " (about a minute, once per machine) ...");
    long started = System.nanoTime();
    Path temporary = base.resolveSibling(base.getFileName() + ".tmp");
    Lab.deleteTree(temporary);
    Shell.run(
        "debootstrap",
        "--variant=minbase",
        "--include=systemd,systemd-sysv,dbus,openssh-server,iproute2,python3",
        suite,
        temporary.toString(),
        mirror());
    // Every host gets its machine id from nspawn's --uuid, and its own host key before it boots.
    Files.writeString(temporary.resolve("etc/machine-id"), "");
    Files.deleteIfExists(temporary.resolve("var/lib/dbus/machine-id"));
    Files.createSymbolicLink(
        temporary.resolve("var/lib/dbus/machine-id"), Path.of("/etc/machine-id"));
    try (Stream<Path> keys = Files.list(temporary.resolve("etc/ssh"))) {
      for (Path key :
          keys.filter(p -> p.getFileName().toString().startsWith("ssh_host_")).toList()) {
        Files.delete(key);
      }
    }
    Path wants = temporary.resolve("etc/systemd/system/multi-user.target.wants");
    Files.createDirectories(wants);
    Files.deleteIfExists(wants.resolve("systemd-networkd.service"));
    Files.createSymbolicLink(
        wants.resolve("systemd-networkd.service"),
        Path.of("/lib/systemd/system/systemd-networkd.service"));
    for (String unit :
        List.of(
            "apt-daily.timer",
            "apt-daily-upgrade.timer",
            "e2scrub_all.timer",
            "console-getty.service",
            "getty@tty1.service")) {
      Path link = temporary.resolve("etc/systemd/system").resolve(unit);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of("/dev/null"));
    }
    Files.writeString(
        temporary.resolve("etc/apt/sources.list"),
        "deb [trusted=yes] file:" + REPO_IN_HOST + " ./\n");
    Lab.deleteTree(temporary.resolve("var/cache/apt/archives"));
    Files.createDirectories(temporary.resolve("var/cache/apt/archives/partial"));
    Files.writeString(temporary.resolve(".lb-lab-complete"), "");
    Lab.deleteTree(base);
    Files.move(temporary, base);
    log.info(String.format("Base built in %.0f s.", (System.nanoTime() - started) / 1e9));
  }

  private static void buildRepo(Path base, Path repo, LbLog log) throws IOException {
    log.info("Building the lab's local package repository in " + repo + " ...");
    Lab.deleteTree(repo);
    Files.createDirectories(repo.resolve("partial"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "apt-get",
                "install",
                "-y",
                "-qq",
                "--download-only",
                "--no-install-recommends",
                "-o",
                "Dir::State::status=" + base.resolve("var/lib/dpkg/status"),
                "-o",
                "Dir::Cache::archives=" + repo));
    command.addAll(REPO_PACKAGES);
    Shell.run(command.toArray(String[]::new));
    Lab.deleteTree(repo.resolve("partial"));
    String index =
        Shell.run(
            "sh", "-c", "cd '" + repo + "' && dpkg-scanpackages --multiversion . 2>/dev/null");
    Files.writeString(repo.resolve("Packages"), index);
    Files.writeString(repo.resolve(".lb-lab-complete"), "");
  }

  /**
   * Boots one host: an overlay on the base, its own address, hostname, host key and the client's
   * key written into it, then systemd-nspawn on the lab's bridge, in a cgroup of its own.
   */
  static LabHost boot(
      LabHost planned,
      Cache cache,
      String bridge,
      Path hostDirectory,
      Path clientPublicKey,
      Path launcher)
      throws IOException {
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
    Files.writeString(root.resolve("etc/hostname"), planned.name() + "\n");
    Files.writeString(
        root.resolve("etc/hosts"),
        "127.0.0.1 localhost\n" + planned.address() + " " + planned.name() + "\n");
    Path network = root.resolve("etc/systemd/network/10-host0.network");
    Files.createDirectories(network.getParent());
    // nspawn names the interface host0; light hosts call it eth0, and one cluster definition must
    // fit both.
    Path rename = root.resolve("etc/systemd/system/lab-eth0.service");
    Files.writeString(
        rename,
        String.join(
            "\n",
            "[Unit]",
            "Description=Name the lab interface eth0",
            "DefaultDependencies=no",
            "Before=systemd-networkd.service network-pre.target",
            "Wants=network-pre.target",
            "",
            "[Service]",
            "Type=oneshot",
            "RemainAfterExit=yes",
            "ExecStart=/bin/sh -c 'if ip link show host0 >/dev/null 2>&1; then ip link set host0 down && ip link set host0 name eth0; fi'",
            ""));
    Path sysinit = root.resolve("etc/systemd/system/sysinit.target.wants");
    Files.createDirectories(sysinit);
    Files.createSymbolicLink(
        sysinit.resolve("lab-eth0.service"), Path.of("/etc/systemd/system/lab-eth0.service"));
    Files.writeString(
        network,
        "[Match]\nName=eth0\n\n[Network]\nAddress="
            + planned.address()
            + "/24\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n");
    Path ssh = root.resolve("root/.ssh");
    Files.createDirectories(ssh);
    Files.copy(clientPublicKey, ssh.resolve("authorized_keys"));
    Shell.newKey(root.resolve("etc/ssh/ssh_host_ed25519_key"), planned.name());
    Files.writeString(
        root.resolve("etc/ssh/sshd_config.d/lab.conf"),
        String.join(
            "\n",
            "HostKey /etc/ssh/ssh_host_ed25519_key",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "MaxStartups 200:30:400",
            "MaxSessions 200",
            ""));
    long pid =
        Shell.launch(
            List.of(
                "sh",
                launcher.toString(),
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
                "--bind-ro=" + cache.repo() + ":" + REPO_IN_HOST),
            hostDirectory.resolve("console.log"));
    return new LabHost(
        planned.name(),
        planned.role(),
        planned.address(),
        planned.namespace(),
        pid,
        Processes.startTime(pid));
  }

  /** The host's public key as it was made, for checking what the booted host presents. */
  static Path hostKey(Path hostDirectory) {
    return hostDirectory.resolve("root/etc/ssh/ssh_host_ed25519_key.pub");
  }

  /**
   * Halts the container (SIGTERM: an orderly shutdown), then removes its overlay mount and cgroups.
   */
  static void remove(LabHost host, Path hostDirectory) {
    Processes.end(host.pid(), host.pidStartTime(), 15_000);
    Path root = hostDirectory.resolve("root");
    if (Files.exists(root)) {
      Shell.attempt(List.of("umount", root.toString()));
    }
    for (String hierarchy : List.of("systemd", "unified", "memory", "pids")) {
      Shell.attempt(
          List.of(
              "sh",
              "-c",
              "find /sys/fs/cgroup/"
                  + hierarchy
                  + " -maxdepth 6 -type d -name 'nspawn-"
                  + host.namespace()
                  + "' 2>/dev/null | while read -r group; do find \"$group\" -depth -type d -exec rmdir {} \\; ; done"));
    }
    Lab.deleteTree(Path.of("/run/systemd/nspawn/propagate", host.namespace()));
  }

  /** The PID of the container's own PID 1 (its systemd), a child of systemd-nspawn. */
  static long init(LabHost host) {
    return Processes.firstChild(host.pid());
  }

  /** The Debian mirror this machine's apt uses, for debootstrap. */
  static String mirror() {
    for (Path file :
        List.of(
            Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"))) {
      try {
        if (Files.exists(file)) {
          Matcher m =
              (file.toString().endsWith(".sources") ? SOURCES_URI : LIST_URI)
                  .matcher(Files.readString(file));
          while (m.find()) {
            if (!m.group(1).contains("security")) {
              return m.group(1);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new LabException(
        "Cannot find this machine's Debian mirror in /etc/apt: full hosts need one for debootstrap");
  }

  static String osRelease(String key) {
    try {
      return Files.readAllLines(Path.of("/etc/os-release")).stream()
          .filter(line -> line.startsWith(key + "="))
          .map(line -> line.substring(key.length() + 1).replace("\"", ""))
          .findFirst()
          .orElseThrow(
              () -> new LabException("/etc/os-release has no " + key + ": full hosts need Debian"));
    } catch (IOException e) {
      throw new LabException("Cannot read /etc/os-release: full hosts need Debian", e);
    }
  }
}
