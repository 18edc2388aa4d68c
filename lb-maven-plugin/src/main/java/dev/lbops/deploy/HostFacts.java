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
    boolean nonlocalBindPersisted,
    String lock) {

  static final String LOCK = "/run/lb-maven-plugin.lock";

  /** Where the deploy persists the kernel settings HAProxy needs. */
  static final String SYSCTL_FILE = "/etc/sysctl.d/60-lb-maven-plugin.conf";

  static final String NONLOCAL_BIND = "net.ipv4.ip_nonlocal_bind = 1";

  boolean locked() {
    return lock.equals("acquired");
  }

  ServiceControl control() {
    return ServiceControl.forHost(systemd ? "systemd" : "direct");
  }

  /** The script that prints the facts as {@code key=value} lines; takes the lock when free. */
  static String script(boolean withContents) {
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
    script.append(
        "echo \"haproxy=$(haproxy -v 2>/dev/null | sed -n '1s/.*version \\([^ ]*\\).*/\\1/p')\"\n");
    script.append(
        "echo \"keepalived=$(keepalived --version 2>&1 | sed -n '1s/^Keepalived v\\([^ ]*\\).*/\\1/p')\"\n");
    script.append(
        "for pm in apt-get dnf yum; do if command -v $pm >/dev/null 2>&1; then echo pm=$pm; break; fi; done\n");
    script.append("echo \"interfaces=$(ls /sys/class/net | tr '\\n' ' ')\"\n");
    script
        .append("if [ \"$(cat /proc/sys/net/ipv4/ip_nonlocal_bind)\" = 1 ] && grep -qx '")
        .append(NONLOCAL_BIND)
        .append("' ")
        .append(SYSCTL_FILE)
        .append(" 2>/dev/null; then echo nonlocal=persisted; else echo nonlocal=no; fi\n");
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
        "persisted".equals(values.get("nonlocal")),
        values.getOrDefault("lock", "unknown"));
  }
}
