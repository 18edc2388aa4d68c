package dev.lbops.lab;

import dev.lbops.core.LbLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a lab needs on this machine; installed with apt-get when we are root on Debian/Ubuntu. */
final class Prerequisites {

  /** Each command the lab runs, and the Debian package that brings it. */
  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ip", "iproute2");
    COMMANDS.put("unshare", "util-linux");
    COMMANDS.put("nsenter", "util-linux");
    COMMANDS.put("setsid", "util-linux");
    COMMANDS.put("tini", "tini");
    COMMANDS.put("sshd", "openssh-server");
    COMMANDS.put("ssh-keygen", "openssh-client");
    COMMANDS.put("ssh-keyscan", "openssh-client");
    COMMANDS.put("python3", "python3");
    COMMANDS.put("haproxy", "haproxy");
    COMMANDS.put("keepalived", "keepalived");
    COMMANDS.put("curl", "curl");
    COMMANDS.put("iptables", "iptables");
    COMMANDS.put("ipvsadm", "ipvsadm");
  }

  private static final List<String> SEARCH_PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Prerequisites() {}

  /** What full hosts need besides. */
  private static final Map<String, String> FULL_COMMANDS =
      Map.of(
          "systemd-nspawn",
          "systemd-container",
          "debootstrap",
          "debootstrap",
          "dpkg-scanpackages",
          "dpkg-dev");

  static void ensure(HostKind kind, LbLog log) {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      throw new LabException(
          "A lab needs Linux (network namespaces); this is " + System.getProperty("os.name"));
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new LabException(
          "A lab needs root (it creates network namespaces, a bridge and mounts): run the build as root");
    }
    Set<String> missing = missingPackages(kind);
    if (missing.isEmpty()) {
      return;
    }
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      throw new LabException(
          "A lab needs these packages, which are missing: " + missing + "; install them and retry");
    }
    log.info("Installing " + String.join(", ", missing) + " for the lab (apt-get) ...");
    install(missing);
    Set<String> stillMissing = missingPackages(kind);
    if (!stillMissing.isEmpty()) {
      throw new LabException("apt-get did not install " + stillMissing);
    }
  }

  static Set<String> missingPackages(HostKind kind) {
    Set<String> missing = new LinkedHashSet<>();
    Map<String, String> commands = new LinkedHashMap<>(COMMANDS);
    if (kind == HostKind.FULL) {
      commands.putAll(FULL_COMMANDS);
    }
    commands.forEach(
        (command, pkg) -> {
          if (SEARCH_PATH.stream().noneMatch(dir -> Files.isExecutable(Path.of(dir, command)))) {
            missing.add(pkg);
          }
        });
    return missing;
  }

  private static void install(Set<String> packages) {
    Path policy = Path.of("/usr/sbin/policy-rc.d");
    boolean created = false;
    try {
      // Installing haproxy, keepalived or openssh-server must not start them on this machine.
      if (!Files.exists(policy)) {
        LabFiles.copy("policy-rc.d.sh", policy);
        policy.toFile().setExecutable(true);
        created = true;
      }
      Shell.run("apt-get", "update", "-qq");
      List<String> command =
          new ArrayList<>(
              List.of(
                  "env",
                  "DEBIAN_FRONTEND=noninteractive",
                  "apt-get",
                  "install",
                  "-y",
                  "-qq",
                  "--no-install-recommends"));
      command.addAll(packages);
      Shell.run(command.toArray(String[]::new));
    } catch (IOException e) {
      throw new LabException("Cannot write " + policy, e);
    } finally {
      if (created) {
        policy.toFile().delete();
      }
    }
  }
}
