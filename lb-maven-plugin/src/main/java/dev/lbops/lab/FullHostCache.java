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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What full lab hosts are made from, built once per machine in {@link #CACHE} and reused by every
 * later lab: a Debian base (debootstrap) that each host overlays, and a local package repository,
 * since the hosts have no route out.
 *
 * @param base the root filesystem every host's overlay starts from
 * @param repo the package repository, bound read-only into each host at {@link #REPO_IN_HOST}
 */
record FullHostCache(Path base, Path repo) {

  static final Path CACHE = Path.of("/var/cache/lb-lab");
  static final String REPO_IN_HOST = "/srv/localrepo";

  /** What the base lacks and the hosts install with apt-get: the daemons and their helpers. */
  private static final List<String> REPO_PACKAGES =
      List.of("haproxy", "keepalived", "ipvsadm", "iptables", "curl", "sudo");

  private static final Pattern SOURCES_URI = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
  private static final Pattern LIST_URI =
      Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+\\S+\\s");

  /** The base and the package repository, built on first use and reused by every later lab. */
  static FullHostCache ensure(LbLog log) {
    String suite = osRelease("VERSION_CODENAME");
    Path base = base(suite);
    Path repo = repo(suite);
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
    return new FullHostCache(base, repo);
  }

  /** What {@link #ensure} would build, downloading it: nothing once the base and repository are. */
  static List<String> unbuilt() {
    String suite = osRelease("VERSION_CODENAME");
    List<String> unbuilt = new ArrayList<>();
    if (!Files.exists(base(suite).resolve(".lb-lab-complete"))) {
      unbuilt.add("a Debian base for full hosts (debootstrap)");
    }
    if (!Files.exists(repo(suite).resolve(".lb-lab-complete"))) {
      unbuilt.add("the full hosts' package repository");
    }
    return unbuilt;
  }

  private static Path base(String suite) {
    return CACHE.resolve("base-" + suite);
  }

  /** A repository per package list: adding a package builds a new one. */
  private static Path repo(String suite) {
    return CACHE.resolve(
        "repo-" + suite + "-" + Network.shortHash(String.join(" ", REPO_PACKAGES)));
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
    LabFiles.deleteTree(temporary);
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
    LabFiles.write(
        temporary.resolve("etc/apt/sources.list"),
        "full-sources.list",
        Map.of("repository", REPO_IN_HOST));
    LabFiles.deleteTree(temporary.resolve("var/cache/apt/archives"));
    Files.createDirectories(temporary.resolve("var/cache/apt/archives/partial"));
    Files.writeString(temporary.resolve(".lb-lab-complete"), "");
    LabFiles.deleteTree(base);
    Files.move(temporary, base);
    log.info(String.format("Base built in %.0f s.", (System.nanoTime() - started) / 1e9));
  }

  private static void buildRepo(Path base, Path repo, LbLog log) throws IOException {
    log.info("Building the lab's local package repository in " + repo + " ...");
    LabFiles.deleteTree(repo);
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
    LabFiles.deleteTree(repo.resolve("partial"));
    String index =
        Shell.run(
            "sh", "-c", LabFiles.text("full-scan-repo.sh"), "full-scan-repo.sh", repo.toString());
    Files.writeString(repo.resolve("Packages"), index);
    Files.writeString(repo.resolve(".lb-lab-complete"), "");
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
