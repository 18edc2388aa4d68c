package dev.lbops.deploy;

import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.service.Service;
import dev.lbops.service.ServiceControl;
import dev.lbops.service.ServiceStatus;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one round trip learns of a host: its OS, init system, daemon versions, interfaces, the
 * checksum (and for a diff, the content) of each managed file, the services' states and whether
 * this deploy got the host's lock.
 */
record HostFacts(
    String os,
    boolean systemd,
    String haproxyVersion,
    String keepalivedVersion,
    String packageManager,
    Set<String> interfaces,
    Map<ConfigKind, String> checksums,
    Map<ConfigKind, String> contents,
    Map<Service, ServiceStatus> services,
    Set<String> tools,
    boolean kernelInPlace,
    String lock) {

  static final String LOCK = "/run/lb-maven-plugin.lock";

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

  boolean locked() {
    return lock.equals("acquired");
  }

  ServiceControl control() {
    return ServiceControl.forHost(systemd ? "systemd" : "direct");
  }

  /**
   * The script that prints the facts as {@code key=value} lines; takes the lock when free, and
   * tells whether {@code kernel}'s settings are in place.
   */
  static String script(boolean withContents, KernelSettings kernel) {
    StringBuilder script = new StringBuilder();
    script
        .append("if mkdir ")
        .append(LOCK)
        .append(" 2>/dev/null; then echo \"$(date +%s)\" > ")
        .append(LOCK)
        .append("/since; echo lock=acquired; else echo \"lock=held since $(cat ")
        .append(LOCK)
        .append("/since 2>/dev/null)\"; fi\n");
    script.append("echo \"os=$(. /etc/os-release 2>/dev/null; echo \"$ID\")\"\n");
    script.append("echo \"init=$(").append(ServiceControl.DETECT).append(")\"\n");
    // The package database answers for both daemons in one process; the binaries (slower to
    // start) only where there is none.
    script.append(
        "if command -v dpkg-query >/dev/null 2>&1; then dpkg-query -W -f='${Package}=${Version}"
            + " ${db:Status-Status}\\n' haproxy keepalived 2>/dev/null | sed -n 's/ installed$//p';"
            + " else echo \"haproxy=$(haproxy -v 2>/dev/null"
            + " | sed -n '1s/.*version \\([^ ]*\\).*/\\1/p')\";"
            + " echo \"keepalived=$(keepalived --version 2>&1"
            + " | sed -n '1s/^Keepalived v\\([^ ]*\\).*/\\1/p')\"; fi\n");
    script.append(
        "for pm in apt-get dnf yum; do if command -v $pm >/dev/null 2>&1; then echo pm=$pm; break; fi; done\n");
    script.append("echo \"interfaces=$(ls /sys/class/net | tr '\\n' ' ')\"\n");
    script
        .append("echo \"tools=$(for t in ")
        .append(String.join(" ", TOOLS))
        .append("; do command -v $t >/dev/null 2>&1 && printf '%s ' $t; done)\"\n");
    script
        .append("if ")
        .append(kernel.inPlaceCondition())
        .append("; then echo kernel=ok; else echo kernel=no; fi\n");
    for (ConfigKind kind : ConfigKind.values()) {
      script
          .append("echo \"sum:")
          .append(kind.name())
          .append("=$(")
          .append(RenderedFile.bodyChecksumCommand(kind))
          .append(")\"\n");
      if (withContents) {
        script
            .append("echo \"content:")
            .append(kind.name())
            .append("=$(base64 -w0 ")
            .append(kind.hostPath())
            .append(" 2>/dev/null)\"\n");
      }
    }
    for (Service service : Service.values()) {
      script
          .append("echo \"status:")
          .append(service.name())
          .append("=$(")
          .append(ServiceControl.statusOnAnyHost(service))
          .append(")\"\n");
    }
    return script.toString();
  }

  static HostFacts parse(String output) {
    Map<String, String> values = new HashMap<>();
    output
        .lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                values.put(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    Map<ConfigKind, String> checksums = new HashMap<>();
    Map<ConfigKind, String> contents = new HashMap<>();
    for (ConfigKind kind : ConfigKind.values()) {
      checksums.put(kind, values.getOrDefault("sum:" + kind.name(), ""));
      String encoded = values.getOrDefault("content:" + kind.name(), "");
      contents.put(
          kind,
          new String(Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8));
    }
    Map<Service, ServiceStatus> services = new HashMap<>();
    for (Service service : Service.values()) {
      services.put(
          service, ServiceStatus.parse(values.getOrDefault("status:" + service.name(), "stopped")));
    }
    return new HostFacts(
        values.getOrDefault("os", ""),
        "systemd".equals(values.get("init")),
        values.getOrDefault("haproxy", ""),
        values.getOrDefault("keepalived", ""),
        values.getOrDefault("pm", ""),
        Set.copyOf(List.of(values.getOrDefault("interfaces", "").strip().split("\\s+"))),
        checksums,
        contents,
        services,
        Set.copyOf(List.of(values.getOrDefault("tools", "").strip().split("\\s+"))),
        "ok".equals(values.get("kernel")),
        values.getOrDefault("lock", "unknown"));
  }
}
