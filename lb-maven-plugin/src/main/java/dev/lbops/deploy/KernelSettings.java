package dev.lbops.deploy;

import dev.lbops.core.Checksums;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VrrpInstance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a host's kernel needs besides the two configs, persisted: {@code ip_nonlocal_bind} when
 * HAProxy binds a VIP (the backup does not hold it), and for the client-IP mode ({@code
 * send_client_ip}, HAProxy's {@code usesrc clientip}) forwarding without redirects plus the packet
 * rules that hand the servers' replies to HAProxy's sockets: an iptables mangle {@code DIVERT}
 * chain marking them, a policy rule for the mark and a local route table. The rules live in a
 * script that a systemd unit runs at boot.
 *
 * <p>The reference sets {@code send_redirects=1}; we set 0: with it on, the load balancer would
 * tell the servers to send their replies straight to the clients, which breaks the mode.
 *
 * @param sysctls the settings, name to value, in file order
 * @param clientIp whether the client-IP packet rules are needed
 * @param lvs whether Keepalived runs LVS virtual servers
 */
record KernelSettings(Map<String, String> sysctls, boolean clientIp, boolean lvs) {

  static final String SYSCTL_FILE = "/etc/sysctl.d/60-lb-maven-plugin.conf";
  static final String CLIENT_IP_SCRIPT = "/usr/local/sbin/lb-maven-plugin-client-ip";
  static final String CLIENT_IP_UNIT = "lb-maven-plugin-client-ip.service";
  static final int MARK = 777;
  static final int TABLE = 700;

  static final String CLIENT_IP_SCRIPT_CONTENT =
      String.join(
          "\n",
          "#!/bin/sh",
          "# Written by lb-maven-plugin for HAProxy's client-IP mode (usesrc clientip): the servers'",
          "# replies to client addresses are marked and delivered to HAProxy's own sockets.",
          "# With the argument 'check' it only tells (exit status) whether every rule is in place.",
          "has() { iptables -t mangle -C \"$@\" 2>/dev/null; }",
          "if [ \"$1\" = check ]; then",
          "  has PREROUTING -p tcp -m socket -j DIVERT && has DIVERT -j MARK --set-mark "
              + MARK
              + " &&",
          "    has DIVERT -j ACCEPT &&",
          "    ip rule show | grep -q 'fwmark "
              + String.format("0x%x", MARK)
              + " lookup "
              + TABLE
              + "' &&",
          "    ip route show table " + TABLE + " 2>/dev/null | grep -q '^local default dev lo'",
          "  exit",
          "fi",
          "set -e",
          "iptables -t mangle -nL DIVERT >/dev/null 2>&1 || iptables -t mangle -N DIVERT",
          "has PREROUTING -p tcp -m socket -j DIVERT || iptables -t mangle -A PREROUTING -p tcp -m socket -j DIVERT",
          "has DIVERT -j MARK --set-mark "
              + MARK
              + " || iptables -t mangle -A DIVERT -j MARK --set-mark "
              + MARK,
          "has DIVERT -j ACCEPT || iptables -t mangle -A DIVERT -j ACCEPT",
          "ip rule show | grep -q 'fwmark "
              + String.format("0x%x", MARK)
              + " lookup "
              + TABLE
              + "' || ip rule add fwmark "
              + MARK
              + " lookup "
              + TABLE,
          "ip route show table "
              + TABLE
              + " 2>/dev/null | grep -q '^local default dev lo' || ip route add local 0.0.0.0/0 dev lo table "
              + TABLE,
          "");

  static final String CLIENT_IP_UNIT_CONTENT =
      String.join(
          "\n",
          "[Unit]",
          "Description=lb-maven-plugin: packet rules for HAProxy's client-IP mode",
          "After=network.target",
          "Before=haproxy.service",
          "",
          "[Service]",
          "Type=oneshot",
          "RemainAfterExit=yes",
          "ExecStart=" + CLIENT_IP_SCRIPT,
          "",
          "[Install]",
          "WantedBy=multi-user.target",
          "");

  KernelSettings {
    sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
  }

  static KernelSettings of(HostConfig host) {
    Map<String, String> sysctls = new LinkedHashMap<>();
    if (bindsVirtualIp(host)) {
      sysctls.put("net.ipv4.ip_nonlocal_bind", "1");
    }
    boolean clientIp = host.haproxy().sendsClientIp();
    if (clientIp) {
      sysctls.put("net.ipv4.conf.all.forwarding", "1");
      sysctls.put("net.ipv4.conf.all.send_redirects", "0");
      sysctls.put("net.ipv4.conf.default.send_redirects", "0");
      host.keepalived().instances().stream()
          .map(VrrpInstance::interfaceName)
          .distinct()
          .forEach(name -> sysctls.put("net.ipv4.conf." + name + ".send_redirects", "0"));
    }
    boolean lvs =
        host.keepalived().instances().stream()
            .flatMap(instance -> instance.virtualIps().stream())
            .anyMatch(vip -> vip.lvs() != null);
    return new KernelSettings(sysctls, clientIp, lvs);
  }

  /** Whether HAProxy binds a VIP, which a backup does not hold. */
  private static boolean bindsVirtualIp(HostConfig host) {
    Set<String> vips = new HashSet<>();
    host.keepalived()
        .instances()
        .forEach(instance -> instance.virtualIps().forEach(vip -> vips.add(vip.ip())));
    return Stream.concat(
            host.haproxy().frontends().stream().flatMap(frontend -> frontend.binds().stream()),
            host.haproxy().listens().stream().flatMap(listen -> listen.binds().stream()))
        .anyMatch(bind -> vips.contains(bind.address()));
  }

  boolean needed() {
    return !sysctls.isEmpty() || clientIp;
  }

  /**
   * The tools (and packages of that name) the host needs besides HAProxy and Keepalived: iptables
   * for the client-IP rules, ipvsadm to look at LVS virtual servers.
   */
  List<String> tools() {
    List<String> tools = new ArrayList<>();
    if (clientIp) {
      tools.add("iptables");
    }
    if (lvs) {
      tools.add("ipvsadm");
    }
    return tools;
  }

  String sysctlFile() {
    StringBuilder file = new StringBuilder();
    sysctls.forEach((name, value) -> file.append(name).append(" = ").append(value).append('\n'));
    return file.toString();
  }

  /** A shell condition that holds when everything is in place and persisted. */
  String inPlaceCondition() {
    if (!needed()) {
      return "true";
    }
    List<String> conditions = new ArrayList<>();
    conditions.add(
        "[ \"$(sha256sum < "
            + SYSCTL_FILE
            + " 2>/dev/null)\" = \""
            + Checksums.sha256(sysctlFile())
            + "  -\" ]");
    sysctls.forEach(
        (name, value) ->
            conditions.add(
                "{ v=; { read -r v < /proc/sys/"
                    + name.replace('.', '/')
                    + "; } 2>/dev/null; [ \"$v\" = "
                    + value
                    + " ]; }"));
    if (clientIp) {
      conditions.add(
          "[ \"$(sha256sum < "
              + CLIENT_IP_SCRIPT
              + " 2>/dev/null)\" = \""
              + Checksums.sha256(CLIENT_IP_SCRIPT_CONTENT)
              + "  -\" ]");
      conditions.add(CLIENT_IP_SCRIPT + " check");
      conditions.add(
          "{ [ ! -d /run/systemd/system ] || systemctl is-enabled --quiet "
              + CLIENT_IP_UNIT
              + "; }");
    }
    return String.join(" && ", conditions);
  }

  /** Writes, applies and persists the settings (the sysctl file's old version kept as a backup). */
  String applyScript() {
    StringBuilder script = new StringBuilder();
    script
        .append("if [ -f ")
        .append(SYSCTL_FILE)
        .append(" ]; then cp -p ")
        .append(SYSCTL_FILE)
        .append(' ')
        .append(SYSCTL_FILE)
        .append(".lb-backup; else rm -f ")
        .append(SYSCTL_FILE)
        .append(".lb-backup; fi\n");
    script.append(heredoc(SYSCTL_FILE, sysctlFile()));
    sysctls.forEach(
        (name, value) ->
            script
                .append("echo ")
                .append(value)
                .append(" > /proc/sys/")
                .append(name.replace('.', '/'))
                .append('\n'));
    if (clientIp) {
      script.append("mkdir -p ").append(CLIENT_IP_SCRIPT, 0, CLIENT_IP_SCRIPT.lastIndexOf('/'));
      script.append('\n').append(heredoc(CLIENT_IP_SCRIPT, CLIENT_IP_SCRIPT_CONTENT));
      script.append("chmod 755 ").append(CLIENT_IP_SCRIPT).append('\n');
      script.append(CLIENT_IP_SCRIPT).append('\n');
      script
          .append("if [ -d /run/systemd/system ]; then\n")
          .append(heredoc("/etc/systemd/system/" + CLIENT_IP_UNIT, CLIENT_IP_UNIT_CONTENT))
          .append("systemctl daemon-reload && systemctl enable --quiet ")
          .append(CLIENT_IP_UNIT)
          .append("\nfi\n");
    }
    return script.toString();
  }

  /**
   * Puts the sysctl file's previous version back, or removes it when there was none; the live
   * values and the packet rules stay (they only allow more).
   */
  String restoreScript() {
    return "if [ -f "
        + SYSCTL_FILE
        + ".lb-backup ]; then mv -f "
        + SYSCTL_FILE
        + ".lb-backup "
        + SYSCTL_FILE
        + "; else rm -f "
        + SYSCTL_FILE
        + "; fi\n";
  }

  /** The files the settings write, for the report. */
  List<String> files() {
    List<String> files = new ArrayList<>(List.of(SYSCTL_FILE));
    if (clientIp) {
      files.add(CLIENT_IP_SCRIPT);
    }
    return files;
  }

  private static String heredoc(String path, String content) {
    return "cat > " + path + " <<'LB_EOF'\n" + content + "LB_EOF\n";
  }
}
