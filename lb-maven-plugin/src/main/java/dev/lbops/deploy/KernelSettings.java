package dev.lbops.deploy;

import dev.lbops.core.Checksums;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VrrpInstance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a host's kernel needs besides the two configs, persisted: {@code ip_nonlocal_bind} when
 * HAProxy binds a VIP (the backup does not hold it; IPv4's and IPv6's each for its VIPs), and for
 * the client-IP mode ({@code send_client_ip}, HAProxy's {@code usesrc clientip}) forwarding without
 * redirects plus the packet rules that hand the servers' replies to HAProxy's sockets: an iptables
 * mangle {@code DIVERT} chain marking them, a policy rule for the mark and a local route table. The
 * rules live in a script ({@code client-ip.sh}) that a systemd unit runs at boot. Likewise the
 * packet rules and addresses that hand a connection open on a peer back to it when the VIPs move
 * ({@link Handover}, {@code handover.sh}), with ARP for a VIP answered only where Keepalived puts
 * it.
 *
 * <p>The reference sets {@code send_redirects=1}; we set 0: with it on, the load balancer would
 * tell the servers to send their replies straight to the clients, which breaks the mode.
 *
 * @param sysctls the settings, name to value, in file order
 * @param clientIp whether the client-IP packet rules are needed
 * @param lvs whether Keepalived runs LVS virtual servers
 * @param handover what the host hands on to its peers, or empty for nothing
 */
record KernelSettings(
    Map<String, String> sysctls, boolean clientIp, boolean lvs, List<Handover> handover) {

  static final String SYSCTL_FILE = "/etc/sysctl.d/60-lb-maven-plugin.conf";

  /** Where the scripts the settings need go on a host. */
  private static final String SCRIPT_DIRECTORY = "/usr/local/sbin";

  static final String CLIENT_IP_SCRIPT = SCRIPT_DIRECTORY + "/lb-maven-plugin-client-ip";
  static final String CLIENT_IP_UNIT = "lb-maven-plugin-client-ip.service";
  static final String CLIENT_IP_SCRIPT_CONTENT = Scripts.text("client-ip.sh");
  static final String CLIENT_IP_UNIT_CONTENT = Scripts.text("client-ip.service");
  static final String HANDOVER_SCRIPT = SCRIPT_DIRECTORY + "/lb-maven-plugin-handover";
  static final String HANDOVER_UNIT = "lb-maven-plugin-handover.service";
  static final String HANDOVER_UNIT_CONTENT = Scripts.text("handover.service");
  static final String HANDOVER_SCRIPT_CONTENT = Scripts.text("handover.sh");
  static final String HANDOVER_CONF = "/etc/keepalived/lb-maven-plugin-handover.conf";

  KernelSettings {
    sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
    handover = List.copyOf(handover);
  }

  /**
   * @param networks the host's networks ({@code interface:address/prefix}), for the peers a
   *     connection can be handed to
   */
  static KernelSettings of(Cluster cluster, HostConfig host, Collection<String> networks) {
    Map<String, String> sysctls = new LinkedHashMap<>();
    if (bindsVirtualIp(host, false)) {
      sysctls.put("net.ipv4.ip_nonlocal_bind", "1");
    }
    if (bindsVirtualIp(host, true)) {
      sysctls.put("net.ipv6.ip_nonlocal_bind", "1");
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
    List<Handover> handover = Handover.of(cluster, host, networks);
    return new KernelSettings(sysctls, clientIp, lvs, handover);
  }

  /**
   * Whether HAProxy binds a VIP of the family, which a backup does not hold (also an address an
   * instance brings up without announcing it, {@code virtual_ipaddress_excluded}).
   */
  private static boolean bindsVirtualIp(HostConfig host, boolean ipv6) {
    Set<String> vips = new HashSet<>();
    host.keepalived()
        .instances()
        .forEach(
            instance -> {
              instance.virtualIps().forEach(vip -> vips.add(vip.ip()));
              instance.options().excludedIps().forEach(vip -> vips.add(vip.ip()));
            });
    vips.removeIf(vip -> vip.contains(":") != ipv6);
    return Stream.concat(
            host.haproxy().frontends().stream().flatMap(frontend -> frontend.binds().stream()),
            host.haproxy().listens().stream().flatMap(listen -> listen.binds().stream()))
        .anyMatch(bind -> vips.contains(bind.address()));
  }

  boolean needed() {
    return !sysctls.isEmpty() || clientIp || !handover.isEmpty();
  }

  /**
   * The tools (and packages of that name) the host needs besides HAProxy and Keepalived: iptables
   * for the client-IP and the handover rules, ipvsadm to look at LVS virtual servers.
   */
  List<String> tools() {
    List<String> tools = new ArrayList<>();
    if (clientIp || !handover.isEmpty()) {
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

  /**
   * What a host reported of every kernel setting the plugin may manage ({@code kernel-state.sh}).
   *
   * @param sysctls each setting's value by its path below {@code /proc/sys}
   * @param sysctlFileSum {@code sha256sum}'s line for the sysctl file, or empty without one
   * @param clientIpRules whether the plugin's client-IP script is there and finds its rules in
   *     place
   * @param clientIpUnit whether its boot unit is enabled (or the host has no systemd)
   * @param handover {@code sha256sum}'s line for the handover file when the plugin's handover
   *     script finds its rules and addresses in place and its boot unit is enabled (or the host has
   *     no systemd), {@code no} when not, or empty without the file
   */
  record Reported(
      Map<String, String> sysctls,
      String sysctlFileSum,
      boolean clientIpRules,
      boolean clientIpUnit,
      String handover) {

    Reported {
      sysctls = Map.copyOf(sysctls);
    }

    static Reported parse(Map<String, String> values) {
      Map<String, String> sysctls = new HashMap<>();
      values.forEach(
          (key, value) -> {
            if (key.startsWith("sysctl:")) {
              sysctls.put(key.substring("sysctl:".length()), value);
            }
          });
      return new Reported(
          sysctls,
          values.getOrDefault("sysctl-file", ""),
          "ok".equals(values.get("client-ip")),
          "ok".equals(values.get("client-ip-unit")),
          values.getOrDefault("handover", ""));
    }
  }

  /** Whether everything these settings need is in place on the host and persisted. */
  boolean inPlace(Reported reported) {
    String handoverSum = handover.isEmpty() ? "" : Checksums.sha256(handoverConf()) + "  -";
    if (!reported.handover().equals(handoverSum)) {
      return false;
    }
    if (!needed()) {
      return true;
    }
    boolean inPlace =
        reported.sysctlFileSum().equals(Checksums.sha256(sysctlFile()) + "  -")
            && sysctls.entrySet().stream()
                .allMatch(
                    setting ->
                        setting.getValue().equals(reported.sysctls().get(path(setting.getKey()))));
    return inPlace && (!clientIp || (reported.clientIpRules() && reported.clientIpUnit()));
  }

  /** A setting's path below {@code /proc/sys}. */
  private static String path(String sysctl) {
    return sysctl.replace('.', '/');
  }

  /** The values {@code kernel-state.sh} needs: the files it looks at. */
  static Map<String, Object> stateScope() {
    return Map.of(
        "sysctlFile", SYSCTL_FILE,
        "clientIpScript", CLIENT_IP_SCRIPT,
        "clientIpScriptSum", Checksums.sha256(CLIENT_IP_SCRIPT_CONTENT) + "  -",
        "clientIpUnit", CLIENT_IP_UNIT,
        "handoverScript", HANDOVER_SCRIPT,
        "handoverScriptSum", Checksums.sha256(HANDOVER_SCRIPT_CONTENT) + "  -",
        "handoverConf", HANDOVER_CONF,
        "handoverUnit", HANDOVER_UNIT);
  }

  /**
   * What the host hands on, for {@code handover.sh}: a line "VIP PEER SECONDS ROUTER_ID INTERFACE"
   * each.
   */
  String handoverConf() {
    return Scripts.file("handover.conf", Map.of("script", HANDOVER_SCRIPT, "handover", handover));
  }

  /** Writes, applies and persists the settings (the sysctl file's old version kept as a backup). */
  String applyScript() {
    Map<String, Object> scope = new HashMap<>(stateScope());
    scope.put("sysctlBackup", SYSCTL_FILE + ".lb-backup");
    scope.put("sysctlContent", sysctlFile());
    scope.put(
        "sysctls",
        sysctls.entrySet().stream()
            .map(
                setting ->
                    Map.of(
                        "path", "/proc/sys/" + path(setting.getKey()), "value", setting.getValue()))
            .toList());
    scope.put("clientIp", clientIp);
    scope.put("scriptDirectory", SCRIPT_DIRECTORY);
    scope.put("clientIpScriptContent", CLIENT_IP_SCRIPT_CONTENT);
    scope.put("clientIpUnitContent", CLIENT_IP_UNIT_CONTENT);
    scope.put("clientIpUnitFile", "/etc/systemd/system/" + CLIENT_IP_UNIT);
    scope.put("handover", !handover.isEmpty());
    scope.put("handoverScriptContent", HANDOVER_SCRIPT_CONTENT);
    scope.put("handoverConfContent", handoverConf());
    scope.put("handoverUnitContent", HANDOVER_UNIT_CONTENT);
    scope.put("handoverUnitFile", "/etc/systemd/system/" + HANDOVER_UNIT);
    return Scripts.render("kernel-apply.sh", scope);
  }

  /**
   * Puts the sysctl file's previous version back, or removes it when there was none; the live
   * values and the packet rules stay (they only allow more).
   */
  String restoreScript() {
    return Scripts.render(
        "kernel-restore.sh",
        Map.of("sysctlFile", SYSCTL_FILE, "sysctlBackup", SYSCTL_FILE + ".lb-backup"));
  }

  /** The files the settings write, for the report. */
  List<String> files() {
    List<String> files = new ArrayList<>(List.of(SYSCTL_FILE));
    if (clientIp) {
      files.add(CLIENT_IP_SCRIPT);
    }
    if (!handover.isEmpty()) {
      files.add(HANDOVER_SCRIPT);
      files.add(HANDOVER_CONF);
    }
    return files;
  }
}
