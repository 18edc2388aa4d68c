package dev.lbops.binding;

import dev.lbops.cmdb.CmdbNode;
import dev.lbops.cmdb.CmdbNode.Scalar;
import dev.lbops.core.Addresses;
import dev.lbops.model.Range;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpOptions;
import dev.lbops.model.VrrpOptions.TrackedInterface;
import dev.lbops.model.VrrpOptions.VirtualRoute;
import dev.lbops.model.VrrpScript;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Keepalived's user {@code vrrp_scripts} and what an instance does beyond its election
 * ({@link VrrpOptions}): tracked scripts and interfaces, excluded addresses, routes, VMAC, version.
 */
final class VrrpOptionsBinder {

  private static final Format SHELL_COMMAND =
      new Format(
          "a shell command",
          "write one command line without quotes, backslashes, '#' or braces, such as"
              + " 'pidof haproxy' or 'curl -sf -o /dev/null http://127.0.0.1:8080/health'",
          value -> value.matches("[^'\"\\\\#{}]+") && !value.isBlank(),
          "contains a quote, a backslash, '#' or a brace, which could end Keepalived's"
              + " script string");
  private static final Pattern TRACKED_INTERFACE =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,14})(?:\\s+weight\\s+(-?\\d{1,3}))?");
  private static final Format TRACK_INTERFACE =
      new Format(
          "an interface to track",
          "write an interface name, optionally with a weight: eth1, or 'eth1 weight -20'",
          value -> TRACKED_INTERFACE.matcher(value.strip()).matches(),
          "is not an interface name with an optional 'weight N'");
  private static final Format ROUTE_TO =
      new Format(
          "a network in CIDR notation",
          "write a network such as 198.18.50.0/24 or 2001:db8:50::/64, or 'default'",
          VrrpOptionsBinder::isNetwork,
          "is not a network in CIDR notation");

  private VrrpOptionsBinder() {}

  /** The {@code vrrp_scripts} list of the Keepalived module. */
  static List<VrrpScript> scripts(Fields top) {
    return top.list("vrrp_scripts", VrrpOptionsBinder::script);
  }

  private static VrrpScript script(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String script = f.text("script", "", Format.SCRIPT);
    String command = f.text("command", "", SHELL_COMMAND);
    if (f.has("script") == f.has("command")) {
      f.error(
          f.has("script") ? "command" : "script",
          f.has("script")
              ? "a vrrp_script runs either a script or a command, not both"
              : "a vrrp_script needs what to run",
          "write 'script: /usr/local/lib/lb-maven-plugin/check.sh' (a shipped or installed"
              + " program with plain arguments) or 'command: pidof haproxy' (a shell command)");
    }
    Integer interval = f.integer("interval", 2, VrrpScript.INTERVAL);
    Integer timeout = f.integer("timeout", null, VrrpScript.TIMEOUT);
    Integer weight = f.integer("weight", null, VrrpScript.WEIGHT);
    Integer rise = f.integer("rise", null, VrrpScript.RISE_FALL);
    Integer fall = f.integer("fall", null, VrrpScript.RISE_FALL);
    if (!f.complete() || script.isEmpty() == command.isEmpty()) {
      return null;
    }
    String line = script.isEmpty() ? "/bin/sh -c '" + command.strip() + "'" : script;
    String program = script.isEmpty() ? "/bin/sh" : script.split(" ")[0];
    return new VrrpScript(name, line, program, interval, timeout, weight, rise, fall, f.origin());
  }

  /** An instance's options, read from its own mapping. */
  static VrrpOptions options(Fields f) {
    List<String> trackScripts = f.texts("track_script", List.of(), Format.NAME);
    List<TrackedInterface> trackInterfaces = new ArrayList<>();
    for (String text : f.texts("track_interface", List.of(), TRACK_INTERFACE)) {
      Matcher m = TRACKED_INTERFACE.matcher(text.strip());
      if (m.matches()) {
        trackInterfaces.add(
            new TrackedInterface(
                m.group(1), m.group(2) == null ? null : Integer.parseInt(m.group(2))));
      }
    }
    List<VirtualIp> excluded = f.list("virtual_ipaddress_excluded", VrrpOptionsBinder::excludedIp);
    List<VirtualRoute> routes = f.list("virtual_routes", VrrpOptionsBinder::route);
    String useVmac = useVmac(f);
    Integer version = f.integer("vrrp_version", null, VrrpOptions.VERSION);
    return new VrrpOptions(trackScripts, trackInterfaces, excluded, routes, useVmac, version);
  }

  private static VirtualIp excludedIp(Fields f) {
    String ip = f.requiredText("ip", Format.IP);
    Range cidrRange = VirtualIp.cidrRange(ip != null && ip.contains(":"));
    Integer cidr = f.integer("cidr", cidrRange.max(), cidrRange);
    return f.complete() ? new VirtualIp(ip, cidr, "", "", "", null, f.origin()) : null;
  }

  private static VirtualRoute route(Fields f) {
    String to = f.requiredText("to", ROUTE_TO);
    String src = f.text("src", "", Format.IP);
    String via = f.text("via", "", Format.IP);
    String dev = f.text("dev", "", Format.INTERFACE);
    Integer metric = f.integer("metric", null, VirtualRoute.METRIC);
    Integer table = f.integer("table", null, VirtualRoute.TABLE);
    return f.complete() ? new VirtualRoute(to, src, via, dev, metric, table, f.origin()) : null;
  }

  /** {@code use_vmac}: true or false, or the VMAC interface's name. */
  private static String useVmac(Fields f) {
    CmdbNode node = f.node("use_vmac");
    if (!(node instanceof Scalar scalar)) {
      return f.text("use_vmac", "", Format.INTERFACE);
    }
    return switch (scalar.text().strip().toLowerCase()) {
      case "true", "yes", "on" -> "true";
      case "false", "no", "off", "" -> "";
      default -> f.text("use_vmac", "", Format.INTERFACE);
    };
  }

  private static boolean isNetwork(String value) {
    if (value.equals("default")) {
      return true;
    }
    int slash = value.indexOf('/');
    if (slash < 0) {
      return Addresses.isIp(value);
    }
    String address = value.substring(0, slash);
    String length = value.substring(slash + 1);
    return Addresses.isIp(address)
        && length.matches("\\d{1,3}")
        && VirtualIp.cidrRange(address.contains(":")).contains(Integer.parseInt(length));
  }
}
