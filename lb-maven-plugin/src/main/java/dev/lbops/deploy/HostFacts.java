package dev.lbops.deploy;

import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostServices;
import dev.lbops.remote.InitSystem;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.ServiceStatus;
import dev.lbops.remote.StateLines;
import dev.lbops.render.ConfigKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one round trip learns of a host: its OS, init system, daemon versions, interfaces and their
 * IPv4 networks ({@code eth0:198.18.5.11/24}), the content of each managed file (absent from {@code
 * contents} when the host has none), what the last deploy recorded there, the services' states,
 * every kernel setting the plugin may manage. Nothing of it depends on the rendered configs: the
 * facts are read before the cluster is rendered for the hosts' operating systems.
 *
 * @param state the init system, the services' states and the configs' contents
 * @param cutOff what an earlier deploy's activation that never finished noted ({@code <token>
 *     <process group>}: its connection was lost, or the build killed), or empty: such a host may
 *     run its daemons on other configs than its files, so it is reloaded
 */
record HostFacts(
    String os,
    String haproxyVersion,
    String keepalivedVersion,
    String packageManager,
    Set<String> interfaces,
    Set<String> networks,
    Set<String> tools,
    HostServices state,
    KernelSettings.Reported kernel,
    String cutOff) {

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

  InitSystem init() {
    return state.init();
  }

  Map<Service, ServiceStatus> services() {
    return state.services();
  }

  /** Each config's content; absent when the host has no such file. */
  Map<ConfigKind, String> contents() {
    return state.contents();
  }

  /** Each config's body checksum; empty when the host has no such file. */
  Map<ConfigKind, String> checksums() {
    return state.checksums();
  }

  /** What the last deploy recorded on the host; {@link DeployedState#NONE} before the first. */
  DeployedState deployed() {
    return state.deployed();
  }

  ServiceControl control() {
    return state.init().control();
  }

  /**
   * The script that prints the facts as {@code key=value} lines. It starts few processes: on a busy
   * host each one costs more than the shell's own work.
   */
  static String script() {
    Map<String, Object> scope = new HashMap<>(KernelSettings.stateScope());
    scope.put("tools", TOOLS);
    scope.put("state", StateLines.script());
    scope.put("activation", Activation.ACTIVATION);
    return Scripts.render("facts.sh", scope);
  }

  /**
   * The script that reads again, under the lock just taken, what another deploy may have changed
   * since {@link #script}: the kernel settings, the services and the configs.
   */
  static String lockScript() {
    Map<String, Object> scope = new HashMap<>(KernelSettings.stateScope());
    scope.put("state", StateLines.script());
    scope.put("activation", Activation.ACTIVATION);
    return Scripts.render("lock.sh", scope);
  }

  /** These facts, with what {@link #lockScript} printed. */
  HostFacts withLockedState(String output) {
    Map<String, String> values = StateLines.values(output);
    return new HostFacts(
        os,
        haproxyVersion,
        keepalivedVersion,
        packageManager,
        interfaces,
        networks,
        tools,
        HostServices.parse(values),
        KernelSettings.Reported.parse(values),
        cutOff(values));
  }

  /** An activation noted and never finished; empty when there is none. */
  private static String cutOff(Map<String, String> values) {
    String noted = values.getOrDefault("activation", "").strip();
    return noted.isEmpty() || noted.endsWith(" finished") ? "" : noted;
  }

  /** A package's version from {@code <version> installed}; empty when it is not installed. */
  private static String installedVersion(String value) {
    return value.endsWith(" installed") ? value.substring(0, value.length() - 10).strip() : "";
  }

  static HostFacts parse(String output) {
    Map<String, String> values = StateLines.values(output);
    return new HostFacts(
        values.getOrDefault("os", ""),
        installedVersion(values.getOrDefault("haproxy", "")),
        installedVersion(values.getOrDefault("keepalived", "")),
        values.getOrDefault("pm", ""),
        words(values.getOrDefault("interfaces", "")),
        words(values.getOrDefault("networks", "")),
        words(values.getOrDefault("tools", "")),
        HostServices.parse(values),
        KernelSettings.Reported.parse(values),
        cutOff(values));
  }

  private static Set<String> words(String line) {
    return Set.copyOf(List.of(line.strip().split("\\s+")));
  }
}
