package dev.lbops.validate;

import dev.lbops.binding.Suggestions;
import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Origin;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.SharedInstance.Member;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpOptions;
import dev.lbops.model.VrrpScript;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules about what VRRP instances track and carry besides their election: user {@code vrrp_script}s
 * and who tracks them, the VRRP version against advert_int, authentication and IPv6, unicast
 * addresses of the instance's family, and routes whose gateway is of their family.
 */
final class TrackRules {

  private TrackRules() {}

  /** Adds each host's problems. */
  static void check(HostConfig host, Reported reported, List<Problem> problems) {
    scripts(host, reported, problems);
    for (VrrpInstance instance : host.keepalived().instances()) {
      version(host, instance, reported, problems);
      unicastFamily(host, instance, reported, problems);
      routes(host, instance, problems);
    }
  }

  private static void scripts(HostConfig host, Reported reported, List<Problem> problems) {
    Set<String> declared = new HashSet<>();
    for (VrrpScript script : host.keepalived().scripts()) {
      if (script.name().equals(VrrpScript.BUILT_IN)) {
        problems.add(
            error(
                host,
                script.origin(),
                "name",
                "'"
                    + VrrpScript.BUILT_IN
                    + "' is the plugin's own script that follows HAProxy (track_haproxy)",
                "give your script another name"));
      } else if (!declared.add(script.name())) {
        problems.add(
            error(
                host,
                script.origin(),
                "name",
                "there are two vrrp_scripts '" + script.name() + "'",
                "give each vrrp_script its own name"));
      }
    }
    Set<String> tracked = new HashSet<>();
    for (VrrpInstance instance : host.keepalived().instances()) {
      for (String name : instance.options().trackScripts()) {
        tracked.add(name);
        if (name.equals(VrrpScript.BUILT_IN)) {
          problems.add(
              error(
                  host,
                  instance.origin(),
                  "track_script",
                  "'" + VrrpScript.BUILT_IN + "' is tracked through track_haproxy, not by name",
                  "remove it from track_script (track_haproxy: true, the default, tracks it)"));
        } else if (!declared.contains(name) && !reported.within(host.name(), "vrrp_scripts")) {
          problems.add(
              error(
                  host,
                  instance.origin(),
                  "track_script",
                  "instance '"
                      + instance.name()
                      + "' tracks vrrp_script '"
                      + name
                      + "', which"
                      + " is not declared",
                  declared.isEmpty()
                      ? "declare it under 'vrrp_scripts:'"
                      : Suggestions.didYouMean(name, new TreeSet<>(declared))));
        }
      }
    }
    for (VrrpScript script : host.keepalived().scripts()) {
      if (!tracked.contains(script.name()) && !script.name().equals(VrrpScript.BUILT_IN)) {
        problems.add(
            Problem.warning(
                script.origin().location(),
                host.name(),
                script.origin().keyPath(),
                "vrrp_script '" + script.name() + "' is tracked by no instance: it changes nothing",
                "add it to an instance's 'track_script:', or remove it"));
      }
    }
  }

  private static void version(
      HostConfig host, VrrpInstance instance, Reported reported, List<Problem> problems) {
    Integer version = instance.options().version();
    if (version == null || reported.at(host.name(), instance.origin().key("vrrp_version"))) {
      return;
    }
    boolean fractional = instance.advertInt().stripTrailingZeros().scale() > 0;
    boolean ipv6 = instance.virtualIps().stream().anyMatch(VirtualIp::isIpv6);
    if (version == 2 && (fractional || ipv6)) {
      problems.add(
          error(
              host,
              instance.origin(),
              "vrrp_version",
              "VRRP version 2 has "
                  + (fractional ? "whole-second adverts only" : "no IPv6")
                  + ", but instance '"
                  + instance.name()
                  + "' has "
                  + (fractional ? "advert_int " + instance.advertInt() : "IPv6 VIPs"),
              "use vrrp_version: 3 (or leave it out: Keepalived then chooses)"));
    }
    if (version == 3 && instance.authentication() != null) {
      problems.add(
          error(
              host,
              instance.origin(),
              "vrrp_version",
              "VRRP version 3 has no authentication, and instance '"
                  + instance.name()
                  + "' has some",
              "remove 'authentication', or use vrrp_version: 2"));
    }
  }

  /** Adverts travel in the VIPs' family: the unicast addresses must be of it too. */
  private static void unicastFamily(
      HostConfig host, VrrpInstance instance, Reported reported, List<Problem> problems) {
    List<VirtualIp> vips = instance.virtualIps();
    if (vips.isEmpty() || vips.stream().map(VirtualIp::isIpv6).distinct().count() > 1) {
      return;
    }
    boolean ipv6 = vips.get(0).isIpv6();
    String family = ipv6 ? "IPv6" : "IPv4";
    if (!instance.unicastSrcIp().isEmpty()
        && instance.unicastSrcIp().contains(":") != ipv6
        && !reported.at(host.name(), instance.origin().key("unicast_src_ip"))) {
      problems.add(
          error(
              host,
              instance.origin(),
              "unicast_src_ip",
              "instance '"
                  + instance.name()
                  + "' has "
                  + family
                  + " VIPs, so its adverts travel over "
                  + family
                  + ", but unicast_src_ip "
                  + instance.unicastSrcIp()
                  + " is not an "
                  + family
                  + " address",
              "use this host's " + family + " address on " + instance.interfaceName()));
    }
    for (String peer : instance.unicastPeers()) {
      if (peer.contains(":") != ipv6) {
        problems.add(
            error(
                host,
                instance.origin(),
                "unicast_peer",
                "unicast peer "
                    + peer
                    + " is not an "
                    + family
                    + " address, like the VIPs of"
                    + " instance '"
                    + instance.name()
                    + "'",
                "list the other hosts' " + family + " addresses"));
      }
    }
  }

  private static void routes(HostConfig host, VrrpInstance instance, List<Problem> problems) {
    for (VrrpOptions.VirtualRoute route : instance.options().virtualRoutes()) {
      if (!route.via().isEmpty()
          && !route.to().equals("default")
          && route.via().contains(":") != route.to().contains(":")) {
        problems.add(
            error(
                host,
                route.origin(),
                "via",
                "route to "
                    + route.to()
                    + " goes via "
                    + route.via()
                    + ", of the other address"
                    + " family",
                "give a gateway of the route's family"));
      }
    }
  }

  /** Rules across the hosts of each instance: they speak the same VRRP version. */
  static void checkPairs(Cluster cluster, Reported reported, List<Problem> problems) {
    for (SharedInstance shared : cluster.instances()) {
      Member first = shared.members().get(0);
      for (Member member : shared.members()) {
        Integer mine = member.instance().options().version();
        Integer theirs = first.instance().options().version();
        if (!Objects.equals(mine, theirs)
            && !reported.at(member.name(), member.instance().origin().key("vrrp_version"))) {
          problems.add(
              error(
                  member.host(),
                  member.instance().origin(),
                  "vrrp_version",
                  "instance '"
                      + shared.name()
                      + "' speaks VRRP version "
                      + (mine == null ? "(Keepalived's choice)" : mine)
                      + " here but "
                      + (theirs == null ? "(Keepalived's choice)" : theirs)
                      + " on "
                      + first.name()
                      + ": the hosts would not hear each other",
                  "write the same vrrp_version on every host of the instance"));
        }
      }
    }
  }

  private static Problem error(
      HostConfig host, Origin origin, String field, String message, String hint) {
    return Problem.error(origin.of(field), host.name(), origin.key(field), message, hint);
  }
}
