package dev.lbops.deploy;

import dev.lbops.remote.HostLock;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.ServiceStatus;
import dev.lbops.remote.StateLines;
import dev.lbops.render.ConfigKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one round trip learns of a host: its OS, init system, daemon versions, interfaces and their
 * IPv4 networks ({@code eth0:198.18.5.11/24}), the content and body checksum of each managed file
 * (absent from {@code contents} when the host has none), the services' states and, when the script
 * asked for it, whether this deploy got the host's lock.
 */
record HostFacts(
    String os,
    boolean systemd,
    String haproxyVersion,
    String keepalivedVersion,
    String packageManager,
    Set<String> interfaces,
    Set<String> networks,
    Map<ConfigKind, String> contents,
    Map<Service, ServiceStatus> services,
    Set<String> tools,
    boolean kernelInPlace,
    String lock) {

  /** The tools besides the daemons that a host may need, looked for on every host. */
  static final List<String> TOOLS = List.of("iptables", "ipvsadm");

  /** Rex's names for the common systems' os-release IDs; others are capitalized. */
  private static final Map<String, String> REX_OS_NAMES =
      Map.of(
          "debian", "Debian",
          "ubuntu", "Ubuntu",
          "centos", "CentOS",
          "rhel", "Redhat",
          "fedora", "Fedora",
          "opensuse-leap", "SuSE",
          "sles", "SuSE",
          "alpine", "Alpine",
          "rocky", "Rocky",
          "almalinux", "AlmaLinux");

  /** The OS as Rex's {@code {operatingsystem}} names it ({@code Debian}), or empty when unknown. */
  String operatingSystem() {
    if (os.isEmpty()) {
      return "";
    }
    return REX_OS_NAMES.getOrDefault(os, Character.toUpperCase(os.charAt(0)) + os.substring(1));
  }

  /** Each config's body checksum; empty when the host has no such file. */
  Map<ConfigKind, String> checksums() {
    return StateLines.checksums(contents);
  }

  boolean locked() {
    return lock.equals("acquired");
  }

  ServiceControl control() {
    return ServiceControl.forHost(systemd ? "systemd" : "direct");
  }

  /**
   * The script that prints the facts as {@code key=value} lines, and whether {@code kernel}'s
   * settings are in place. It starts few processes: on a busy host each one costs more than the
   * shell's own work.
   */
  static String script(KernelSettings kernel) {
    StringBuilder script = new StringBuilder();
    script.append("ID=; if [ -r /etc/os-release ]; then . /etc/os-release; fi; echo \"os=$ID\"\n");
    // The package database answers for both daemons in one process; the binaries (slower to
    // start) only where there is none.
    script.append(
        "if command -v dpkg-query >/dev/null 2>&1; then dpkg-query -W -f='${Package}=${Version}"
            + " ${db:Status-Status}\\n' haproxy keepalived 2>/dev/null;"
            + " else echo \"haproxy=$(haproxy -v 2>/dev/null"
            + " | sed -n '1s/.*version \\([^ ]*\\).*/\\1 installed/p')\";"
            + " echo \"keepalived=$(keepalived --version 2>&1"
            + " | sed -n '1s/^Keepalived v\\([^ ]*\\).*/\\1 installed/p')\"; fi\n");
    script.append(
        "for pm in apt-get dnf yum; do if command -v $pm >/dev/null 2>&1; then echo pm=$pm; break; fi; done\n");
    script.append(
        "printf interfaces=; for i in /sys/class/net/*; do printf '%s ' \"${i##*/}\"; done; echo\n");
    script.append(
        "echo \"networks=$(ip -o -4 addr show | while read -r _ dev _ net _; do printf '%s:%s ' \"$dev\" \"$net\"; done)\"\n");
    script
        .append("printf tools=; for t in ")
        .append(String.join(" ", TOOLS))
        .append("; do if command -v $t >/dev/null 2>&1; then printf '%s ' $t; fi; done; echo\n");
    script.append(kernelLine(kernel));
    script.append(StateLines.script());
    return script.toString();
  }

  /**
   * The script that takes the lock and reads again what another deploy may have changed since
   * {@link #script}: the kernel settings, the services and the configs.
   */
  static String lockScript(KernelSettings kernel) {
    return HostLock.take() + kernelLine(kernel) + StateLines.script();
  }

  private static String kernelLine(KernelSettings kernel) {
    return "if " + kernel.inPlaceCondition() + "; then echo kernel=ok; else echo kernel=no; fi\n";
  }

  /** These facts, with what {@link #lockScript} printed. */
  HostFacts withLockedState(String output) {
    Map<String, String> values = StateLines.values(output);
    return new HostFacts(
        os,
        systemd,
        haproxyVersion,
        keepalivedVersion,
        packageManager,
        interfaces,
        networks,
        StateLines.contents(values),
        StateLines.services(values),
        tools,
        "ok".equals(values.get("kernel")),
        values.getOrDefault("lock", "unknown"));
  }

  /** A package's version from {@code <version> installed}; empty when it is not installed. */
  private static String installedVersion(String value) {
    return value.endsWith(" installed") ? value.substring(0, value.length() - 10).strip() : "";
  }

  static HostFacts parse(String output) {
    Map<String, String> values = StateLines.values(output);
    return new HostFacts(
        values.getOrDefault("os", ""),
        StateLines.systemd(values),
        installedVersion(values.getOrDefault("haproxy", "")),
        installedVersion(values.getOrDefault("keepalived", "")),
        values.getOrDefault("pm", ""),
        Set.copyOf(List.of(values.getOrDefault("interfaces", "").strip().split("\\s+"))),
        Set.copyOf(List.of(values.getOrDefault("networks", "").strip().split("\\s+"))),
        StateLines.contents(values),
        StateLines.services(values),
        Set.copyOf(List.of(values.getOrDefault("tools", "").strip().split("\\s+"))),
        "ok".equals(values.get("kernel")),
        values.getOrDefault("lock", "unknown"));
  }
}
