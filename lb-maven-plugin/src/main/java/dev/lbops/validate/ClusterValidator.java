package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Cluster;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.Origin;
import dev.lbops.model.Server;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.SharedInstance.Member;
import dev.lbops.model.UseBackend;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpAuthentication;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a cluster per host and as a pair: names, references, and the VRRP rules that decide
 * whether failover works. Reports every problem; contacts nothing.
 */
public final class ClusterValidator {

  /** Validates a cluster whose values all read cleanly. */
  public List<Problem> validate(Cluster cluster) {
    return validate(cluster, List.of());
  }

  /**
   * Validates a cluster; {@code readProblems} are those found while reading it, so that a value
   * already reported as bad is not compared across hosts again.
   */
  public List<Problem> validate(Cluster cluster, List<Problem> readProblems) {
    List<Problem> readErrors = readProblems.stream().filter(Problem::isError).toList();
    List<Problem> problems = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      checkHaproxy(host, problems);
      checkKeepalived(host, problems);
    }
    checkPairs(cluster, readErrors, problems);
    return problems;
  }

  // ------------------------------------------------------------------ per host

  private static void checkHaproxy(HostConfig host, List<Problem> problems) {
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
      if (proxy.sendClientIp() && !haproxy.user().equals("root")) {
        problems.add(
            Problem.error(
                proxy.origin().of("send_client_ip"),
                name,
                proxy.origin().key("send_client_ip"),
                "'"
                    + proxy.name()
                    + "' sends the client's address (usesrc clientip), which HAProxy 2.6 only does"
                    + " as root: it refuses to start as user '"
                    + haproxy.user()
                    + "' (haproxy -c does not notice)",
                "set haproxy_user: root and haproxy_group: root, as the reference does"));
      }
      if (proxy.servers().isEmpty()) {
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
      references(frontend, backendNames, name, problems);
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
      Frontend frontend, Set<String> backendNames, String host, List<Problem> problems) {
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
    if (frontend.defaultBackend().isEmpty() && frontend.useBackends().isEmpty()) {
      problems.add(
          Problem.warning(
              origin.location(),
              host,
              origin.keyPath(),
              "frontend '" + frontend.name() + "' sends its traffic to no backend",
              "add 'default_backend:' or 'use_backend:'"));
    }
  }

  private static void checkKeepalived(HostConfig host, List<Problem> problems) {
    String name = host.name();
    Set<String> instanceNames = new HashSet<>();
    for (VrrpInstance instance : host.keepalived().instances()) {
      Origin origin = instance.origin();
      if (instance.state() == VrrpState.MASTER
          && (instance.nopreempt() || instance.preemptDelay() != null)) {
        String field = instance.nopreempt() ? "nopreempt" : "preempt_delay";
        problems.add(
            Problem.error(
                origin.of(field),
                name,
                origin.key(field),
                field
                    + " works only on an instance that starts as BACKUP (Keepalived ignores it on a MASTER)",
                "set 'state: BACKUP' on every host of this instance, or remove " + field));
      }
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
    if (!host.keepalived().syncGroupName().isEmpty() && host.keepalived().instances().size() == 1) {
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

  // ------------------------------------------------------------------ across hosts

  private static void checkPairs(
      Cluster cluster, List<Problem> readErrors, List<Problem> problems) {
    Map<String, String> routerIdOwners = new HashMap<>();
    for (SharedInstance shared : cluster.instances()) {
      List<Member> members = shared.members();
      Member first = members.get(0);
      String instanceName = shared.name();
      if (members.size() < 2) {
        problems.add(
            problem(
                first,
                "",
                "VRRP instance '"
                    + instanceName
                    + "' is only on "
                    + first.name()
                    + ": nothing can take its VIPs over",
                "declare it on a second host, with a lower priority"));
        continue;
      }
      for (Member member : members.subList(1, members.size())) {
        if (!isSound(first, readErrors) || !isSound(member, readErrors)) {
          continue;
        }
        same(first, member, "router_id", VrrpInstance::routerId, problems);
        same(first, member, "virtual_ips", ClusterValidator::vipSet, problems);
        same(first, member, "advert_int", m -> m.advertInt().stripTrailingZeros(), problems);
        same(first, member, "authentication", ClusterValidator::authIdentity, problems);
      }
      priorities(instanceName, members, problems);
      masters(instanceName, members, problems);
      unicast(instanceName, members, problems);
      for (Member member : members) {
        String slot = member.instance().interfaceName() + "#" + member.instance().routerId();
        String owner = routerIdOwners.putIfAbsent(slot, instanceName);
        if (owner != null && !owner.equals(instanceName) && member.instance().routerId() > 0) {
          problems.add(
              problem(
                  member,
                  "router_id",
                  "router_id "
                      + member.instance().routerId()
                      + " on "
                      + member.instance().interfaceName()
                      + " is also used by instance '"
                      + owner
                      + "'",
                  "give each instance on an interface its own router_id (1-255)"));
        }
      }
    }
  }

  /** Whether the member's instance was read without errors, so comparing it means something. */
  private static boolean isSound(Member member, List<Problem> readErrors) {
    String prefix = member.instance().origin().keyPath() + ".";
    return readErrors.stream()
        .noneMatch(p -> p.host().equals(member.name()) && p.key().startsWith(prefix));
  }

  private static Set<String> vipSet(VrrpInstance instance) {
    return instance.virtualIps().stream()
        .map(v -> v.ip() + "/" + v.cidr())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String authIdentity(VrrpInstance instance) {
    VrrpAuthentication auth = instance.authentication();
    if (auth == null) {
      return "none";
    }
    // The same settings.xml server always yields the same password, which is never shown.
    return auth.type() + " with the password of server " + auth.serverId();
  }

  private static void same(
      Member first,
      Member other,
      String field,
      Function<VrrpInstance, Object> value,
      List<Problem> problems) {
    Object a = value.apply(first.instance());
    Object b = value.apply(other.instance());
    if (!Objects.equals(a, b)) {
      problems.add(
          problem(
              other,
              field,
              "instance '"
                  + other.instance().name()
                  + "' has "
                  + field
                  + " "
                  + b
                  + " here but "
                  + a
                  + " on "
                  + first.name(),
              "use the same " + field + " for this instance on every host"));
    }
  }

  private static void priorities(
      String instanceName, List<Member> members, List<Problem> problems) {
    Map<Integer, Member> seen = new HashMap<>();
    for (Member member : members) {
      int priority = member.instance().priority();
      Member previous = seen.putIfAbsent(priority, member);
      if (previous != null && priority > 0) {
        problems.add(
            problem(
                member,
                "priority",
                "instance '"
                    + instanceName
                    + "' has priority "
                    + priority
                    + " on both "
                    + previous.name()
                    + " and "
                    + member.name()
                    + ": the VIP lands wherever Keepalived starts first",
                "give each host a different priority, the intended master the highest"));
      }
    }
  }

  private static void masters(String instanceName, List<Member> members, List<Problem> problems) {
    List<Member> masters =
        members.stream().filter(m -> m.instance().state() == VrrpState.MASTER).toList();
    if (masters.size() > 1) {
      for (Member extra : masters.subList(1, masters.size())) {
        problems.add(
            problem(
                extra,
                "state",
                "instance '"
                    + instanceName
                    + "' starts as MASTER on "
                    + masters.stream().map(Member::name).collect(Collectors.joining(" and ")),
                "make exactly one host MASTER and the others BACKUP"));
      }
    } else if (masters.isEmpty()) {
      for (Member member : members) {
        if (!member.instance().nopreempt()) {
          problems.add(
              problem(
                  member,
                  "state",
                  "instance '"
                      + instanceName
                      + "' has no MASTER, but "
                      + member.name()
                      + " does not set nopreempt",
                  "make one host MASTER, or set 'nopreempt: true' on every host"));
        }
      }
    } else {
      Member master = masters.get(0);
      for (Member member : members) {
        if (member != master && member.instance().priority() > master.instance().priority()) {
          problems.add(
              problem(
                  member,
                  "priority",
                  "BACKUP "
                      + member.name()
                      + " has priority "
                      + member.instance().priority()
                      + ", above MASTER "
                      + master.name()
                      + "'s "
                      + master.instance().priority(),
                  "give the MASTER the highest priority"));
        }
      }
    }
  }

  private static void unicast(String instanceName, List<Member> members, List<Problem> problems) {
    boolean anyUnicast =
        members.stream()
            .anyMatch(
                m ->
                    !m.instance().unicastPeers().isEmpty()
                        || !m.instance().unicastSrcIp().isEmpty());
    if (!anyUnicast) {
      return;
    }
    for (Member member : members) {
      Set<String> expected = new TreeSet<>();
      for (Member other : members) {
        if (other != member) {
          expected.add(
              other.instance().unicastSrcIp().isEmpty()
                  ? other.host().host().address()
                  : other.instance().unicastSrcIp());
        }
      }
      Set<String> actual = new TreeSet<>(member.instance().unicastPeers());
      if (!actual.equals(expected)) {
        problems.add(
            problem(
                member,
                "unicast_peer",
                "instance '"
                    + instanceName
                    + "' on "
                    + member.name()
                    + " lists unicast peers "
                    + actual
                    + ", but the other members are "
                    + expected,
                "list exactly the other hosts' unicast_src_ip on every host (peers must be symmetric)"));
      }
    }
  }

  private static Problem problem(Member member, String field, String message, String hint) {
    Origin origin = member.instance().origin();
    return Problem.error(
        field.isEmpty() ? origin.location() : origin.of(field),
        member.name(),
        field.isEmpty() ? origin.keyPath() : origin.key(field),
        message,
        hint);
  }

  private static void unique(
      String name,
      Set<String> seen,
      Origin origin,
      String host,
      String what,
      List<Problem> problems) {
    if (!name.isEmpty() && !seen.add(name)) {
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
