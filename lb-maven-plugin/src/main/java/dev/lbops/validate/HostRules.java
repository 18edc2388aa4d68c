package dev.lbops.validate;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.Origin;
import dev.lbops.model.Server;
import dev.lbops.model.UseBackend;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules about one host's configuration as a whole: unique names, references between sections,
 * addresses bound once, and the Keepalived settings that only work together.
 */
final class HostRules {

  private HostRules() {}

  /** Adds the host's problems; what {@code reported} already names is not concluded from again. */
  static void check(HostConfig host, Reported reported, List<Problem> problems) {
    balancesSomething(host, reported, problems);
    haproxy(host, reported, problems);
    StatsRules.check(host, problems);
    keepalived(host, reported, problems);
  }

  /**
   * A load balancer with no VRRP instance and no frontend or listen section is not one: deployed,
   * it would take the VIPs and every proxy away from a working pair. An empty CMDB (every file
   * empty, or the lookup path finding none) gives exactly that.
   */
  private static void balancesSomething(
      HostConfig host, Reported reported, List<Problem> problems) {
    boolean empty =
        host.keepalived().instances().isEmpty()
            && host.keepalived().virtualServers().isEmpty()
            && host.haproxy().frontends().isEmpty()
            && host.haproxy().listens().isEmpty();
    boolean leftOut = reported.errors().stream().anyMatch(p -> p.host().equals(host.name()));
    if (empty && !leftOut) {
      problems.add(
          Problem.error(
              new Location(Location.display(host.cmdbDirectory()), 0, 0),
              host.name(),
              "",
              "the CMDB gives this load balancer no VRRP instance and no frontend or listen"
                  + " section: deployed, it would remove the virtual IPs and every proxy of a working"
                  + " pair",
              "declare vrrp_instances and frontends (or listen) in the CMDB files of the lookup"
                  + " path; if they are there, check lb.cmdbDirectory, lb.environment and"
                  + " lb.lookupPath"));
    }
  }

  private static void haproxy(HostConfig host, Reported reported, List<Problem> problems) {
    HaproxyConfig haproxy = host.haproxy();
    String name = host.name();
    Set<String> backendNames = new HashSet<>();
    Set<String> frontendNames = new HashSet<>();
    for (Listen listen : haproxy.listens()) {
      unique(
          listen.name(), backendNames, listen.proxy().origin(), name, "listen section", problems);
      frontendNames.add(listen.name());
    }
    for (Backend backend : haproxy.backends()) {
      unique(backend.name(), backendNames, backend.origin(), name, "backend", problems);
    }
    List<Backend> proxies = new ArrayList<>(haproxy.backends());
    haproxy.listens().forEach(listen -> proxies.add(listen.proxy()));
    for (Backend proxy : proxies) {
      Set<String> serverNames = new HashSet<>();
      for (Server server : proxy.servers()) {
        unique(
            server.name(),
            serverNames,
            server.origin(),
            name,
            "server of " + proxy.name(),
            problems);
      }
      if (proxy.sendsClientIp() && !haproxy.runsAsRoot()) {
        String field = proxy.sendClientIp() ? "send_client_ip" : "source";
        problems.add(
            Problem.error(
                proxy.origin().of(field),
                name,
                proxy.origin().key(field),
                "'"
                    + proxy.name()
                    + "' sends the client's address (usesrc clientip), which HAProxy 2.6 only does"
                    + " as root: it refuses to start as user '"
                    + haproxy.user()
                    + "' (haproxy -c does not notice)",
                "set haproxy_user: root and haproxy_group: root, as the reference does"));
      }
      if (proxy.servers().isEmpty()
          && !reported.within(name, proxy.origin().key("server"))
          && !SelfAnswering.backend(proxy, haproxy.stats())) {
        problems.add(
            Problem.warning(
                proxy.origin().location(),
                name,
                proxy.origin().key("server"),
                "'" + proxy.name() + "' has no servers: every request to it fails with 503",
                "list its servers under 'server:'"));
      }
    }
    Map<String, String> bindOwners = new HashMap<>();
    for (Frontend frontend : haproxy.frontends()) {
      unique(frontend.name(), frontendNames, frontend.origin(), name, "frontend", problems);
      references(frontend, backendNames, name, reported, problems, haproxy);
      for (Bind bind : frontend.binds()) {
        String previous = bindOwners.putIfAbsent(bind.addressAndPort(), frontend.name());
        if (previous != null) {
          problems.add(
              Problem.error(
                  frontend.origin().of("bind"),
                  name,
                  frontend.origin().key("bind"),
                  bind.addressAndPort() + " is already bound by frontend '" + previous + "'",
                  "give each frontend its own address:port"));
        }
      }
    }
  }

  private static void references(
      Frontend frontend,
      Set<String> backendNames,
      String host,
      Reported reported,
      List<Problem> problems,
      HaproxyConfig haproxy) {
    Origin origin = frontend.origin();
    if (!frontend.defaultBackend().isEmpty() && !backendNames.contains(frontend.defaultBackend())) {
      problems.add(
          Problem.error(
              origin.of("default_backend"),
              host,
              origin.key("default_backend"),
              "backend '" + frontend.defaultBackend() + "' does not exist",
              backendNames.isEmpty()
                  ? "define it under 'backends:'"
                  : "use one of " + new TreeSet<>(backendNames)));
    }
    for (UseBackend use : frontend.useBackends()) {
      if (!backendNames.contains(use.backend())) {
        problems.add(
            Problem.error(
                use.origin().of("backend"),
                host,
                use.origin().key("backend"),
                "backend '" + use.backend() + "' does not exist",
                backendNames.isEmpty()
                    ? "define it under 'backends:'"
                    : "use one of " + new TreeSet<>(backendNames)));
      }
    }
    modes(frontend, host, problems, haproxy);
    if (frontend.defaultBackend().isEmpty()
        && frontend.useBackends().isEmpty()
        && !reported.within(host, origin.key("use_backend"))
        && !SelfAnswering.frontend(frontend, haproxy.stats())) {
      problems.add(
          Problem.warning(
              origin.location(),
              host,
              origin.keyPath(),
              "frontend '" + frontend.name() + "' sends its traffic to no backend",
              "add 'default_backend:' or 'use_backend:'"));
    }
  }

  /** An http frontend cannot send to a tcp backend (haproxy -c refuses; the other way is fine). */
  private static void modes(
      Frontend frontend, String host, List<Problem> problems, HaproxyConfig haproxy) {
    Map<String, String> modes = new HashMap<>();
    haproxy.backends().forEach(b -> modes.put(b.name(), b.effectiveMode(haproxy.defaultMode())));
    haproxy
        .listens()
        .forEach(l -> modes.put(l.name(), l.proxy().effectiveMode(haproxy.defaultMode())));
    String mode = frontend.mode().isEmpty() ? haproxy.defaultMode() : frontend.mode();
    Map<String, Location> targets = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    if (!frontend.defaultBackend().isEmpty()) {
      targets.put(frontend.defaultBackend(), frontend.origin().of("default_backend"));
      keys.put(frontend.defaultBackend(), frontend.origin().key("default_backend"));
    }
    for (UseBackend use : frontend.useBackends()) {
      targets.putIfAbsent(use.backend(), use.origin().of("backend"));
      keys.putIfAbsent(use.backend(), use.origin().key("backend"));
    }
    targets.forEach(
        (backend, at) -> {
          String other = modes.get(backend);
          if ("tcp".equals(other) && mode.equals("http")) {
            problems.add(
                Problem.error(
                    at,
                    host,
                    keys.get(backend),
                    mode
                        + " frontend '"
                        + frontend.name()
                        + "' sends traffic to "
                        + other
                        + " backend '"
                        + backend
                        + "', which HAProxy refuses",
                    "set 'mode: http' on the backend, or send the frontend's traffic elsewhere"));
          }
        });
  }

  private static void keepalived(HostConfig host, Reported reported, List<Problem> problems) {
    String name = host.name();
    KeepalivedRules.check(host, reported, problems);
    Set<String> instanceNames = new HashSet<>();
    for (VrrpInstance instance : host.keepalived().instances()) {
      Origin origin = instance.origin();
      unique(instance.name(), instanceNames, origin, name, "VRRP instance", problems);
      long families = instance.virtualIps().stream().map(VirtualIp::isIpv6).distinct().count();
      if (families > 1) {
        problems.add(
            Problem.error(
                origin.of("virtual_ips"),
                name,
                origin.key("virtual_ips"),
                "instance '" + instance.name() + "' mixes IPv4 and IPv6 virtual IPs",
                "put the IPv6 VIPs in an instance of their own (with another router_id)"));
      }
      if (instance.authentication() != null
          && !reported.at(name, origin.key("authentication"))
          && (instance.advertInt().stripTrailingZeros().scale() > 0
              || families == 1 && instance.virtualIps().get(0).isIpv6())) {
        problems.add(
            Problem.error(
                origin.of("authentication"),
                name,
                origin.key("authentication"),
                "VRRP authentication needs VRRP version 2, but a fractional advert_int or an IPv6 VIP needs version 3",
                "remove 'authentication', or use a whole-second advert_int and IPv4 VIPs"));
      }
      for (String peer : instance.unicastPeers()) {
        if (peer.equals(instance.unicastSrcIp()) || peer.equals(host.host().address())) {
          problems.add(
              Problem.error(
                  origin.of("unicast_peer"),
                  name,
                  origin.key("unicast_peer"),
                  "unicast peer " + peer + " is this host itself",
                  "list only the other hosts' addresses"));
        }
      }
      if (!instance.unicastPeers().isEmpty() && instance.unicastSrcIp().isEmpty()) {
        problems.add(
            Problem.warning(
                origin.of("unicast_peer"),
                name,
                origin.key("unicast_src_ip"),
                "unicast peers without unicast_src_ip: Keepalived picks the interface's first address",
                "set 'unicast_src_ip' to this host's address on " + instance.interfaceName()));
      }
    }
    if (!host.keepalived().syncGroupName().isEmpty()
        && host.keepalived().instances().size() == 1
        && !reported.leftOutAnInstance(host)) {
      Origin origin = host.keepalived().origin();
      problems.add(
          Problem.warning(
              origin.of("vrrp_sync_group_name"),
              name,
              "vrrp_sync_group_name",
              "a sync group needs two or more instances; with one it is left out of keepalived.conf",
              "remove 'vrrp_sync_group_name' or add a second instance"));
    }
  }

  private static void unique(
      String name,
      Set<String> seen,
      Origin origin,
      String host,
      String what,
      List<Problem> problems) {
    if (!seen.add(name)) {
      problems.add(
          Problem.error(
              origin.of("name"),
              host,
              origin.key("name"),
              "there are two of " + what + " '" + name + "'",
              "give each " + what + " its own name"));
    }
  }
}
