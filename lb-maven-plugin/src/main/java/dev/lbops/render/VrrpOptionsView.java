package dev.lbops.render;

import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpOptions;
import dev.lbops.model.VrrpOptions.VirtualRoute;
import dev.lbops.model.VrrpScript;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code keepalived-instance-options.mustache} sees of one instance: its tracked scripts and
 * interfaces, excluded addresses, routes, VMAC and explicit VRRP version, each as the line it
 * renders; absent ones empty.
 */
public record VrrpOptionsView(
    boolean vmac,
    String vmacName,
    boolean vmacXmitBase,
    Integer version,
    List<String> excludedIps,
    List<String> routes,
    List<String> trackInterfaces,
    List<String> trackScripts) {

  static VrrpOptionsView of(VrrpInstance instance) {
    VrrpOptions options = instance.options();
    return new VrrpOptionsView(
        !options.useVmac().isEmpty(),
        options.useVmac().equals("true") ? "" : options.useVmac(),
        // Keepalived refuses a VMAC with unicast peers unless adverts leave from the base
        // interface.
        !options.useVmac().isEmpty() && !instance.unicastPeers().isEmpty(),
        options.version(),
        options.excludedIps().stream().map(vip -> vip.ip() + "/" + vip.cidr()).toList(),
        options.virtualRoutes().stream().map(VrrpOptionsView::route).toList(),
        options.trackInterfaces().stream()
            .map(
                tracked ->
                    tracked.weight() == null
                        ? tracked.name()
                        : tracked.name() + " weight " + tracked.weight())
            .toList(),
        options.trackScripts());
  }

  public boolean hasExcludedIps() {
    return !excludedIps.isEmpty();
  }

  public boolean hasRoutes() {
    return !routes.isEmpty();
  }

  public boolean hasTrackInterfaces() {
    return !trackInterfaces.isEmpty();
  }

  public boolean hasTrackScripts() {
    return !trackScripts.isEmpty();
  }

  private static String route(VirtualRoute route) {
    List<String> words = new ArrayList<>(List.of(route.to()));
    if (!route.src().isEmpty()) {
      words.addAll(List.of("src", route.src()));
    }
    if (!route.via().isEmpty()) {
      words.addAll(List.of("via", route.via()));
    }
    if (!route.dev().isEmpty()) {
      words.addAll(List.of("dev", route.dev()));
    }
    if (route.metric() != null) {
      words.addAll(List.of("metric", String.valueOf(route.metric())));
    }
    if (route.table() != null) {
      words.addAll(List.of("table", String.valueOf(route.table())));
    }
    return String.join(" ", words);
  }

  /** A user {@code vrrp_script}, as {@code keepalived-scripts.mustache} writes it. */
  public record ScriptView(
      String name,
      String script,
      int interval,
      Integer timeout,
      Integer weight,
      Integer rise,
      Integer fall) {

    static ScriptView of(VrrpScript script) {
      return new ScriptView(
          script.name(),
          script.script(),
          script.interval(),
          script.timeout(),
          script.weight(),
          script.rise(),
          script.fall());
    }
  }
}
