package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.model.Failback;
import dev.lbops.model.Origin;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.SharedInstance.Member;
import dev.lbops.model.VrrpAuthentication;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rules across the hosts that share a VRRP instance, which decide whether failover works: the same
 * router_id, VIPs, timing and authentication everywhere, symmetric unicast peers, and a router_id
 * of its own on each interface. Who wins the election is Keepalived's to decide: every election it
 * accepts is accepted, and those that are legal but risky (two MASTERs, equal priorities, a BACKUP
 * above the MASTER, priority 255) are warnings that say why.
 */
final class PairRules {

  private final Reported reported;
  private final List<Problem> problems;

  private PairRules(Reported reported, List<Problem> problems) {
    this.reported = reported;
    this.problems = problems;
  }

  /** Adds the cluster's problems; a value {@code reported} already names is not compared again. */
  static void check(Cluster cluster, Reported reported, List<Problem> problems) {
    new PairRules(reported, problems).check(cluster);
  }

  private void check(Cluster cluster) {
    Map<String, String> routerIdOwners = new HashMap<>();
    for (SharedInstance shared : cluster.instances()) {
      List<Member> members = shared.members();
      Member first = members.get(0);
      // An instance a host declares but the binder left out is not judged by who has it.
      boolean allMembersRead =
          cluster.hosts().stream()
              .filter(host -> !shared.hosts().contains(host))
              .noneMatch(reported::leftOutAnInstance);
      if (members.size() < 2) {
        if (allMembersRead) {
          problems.add(
              problem(
                  first,
                  "",
                  "VRRP instance '"
                      + shared.name()
                      + "' is only on "
                      + first.name()
                      + ": nothing can take its VIPs over",
                  "declare it on a second host, with a lower priority"));
        }
        continue;
      }
      for (Member member : members.subList(1, members.size())) {
        if (isSound(first) && isSound(member)) {
          same(first, member, "router_id", VrrpInstance::routerId);
          same(first, member, "virtual_ips", PairRules::vipSet);
          same(first, member, "advert_int", m -> m.advertInt().stripTrailingZeros());
          same(first, member, "authentication", PairRules::authIdentity);
        }
      }
      priorities(shared.name(), members);
      if (allMembersRead) {
        masters(shared.name(), members);
        unicast(shared.name(), members);
      }
      for (Member member : members) {
        if (isBad(member, "router_id")) {
          continue;
        }
        String slot = member.instance().interfaceName() + "#" + member.instance().routerId();
        String owner = routerIdOwners.putIfAbsent(slot, shared.name());
        if (owner != null && !owner.equals(shared.name())) {
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

  /**
   * Whether the member's instance holds no value reported as bad, so comparing it means something.
   */
  private boolean isSound(Member member) {
    return !reported.within(member.name(), member.instance().origin().keyPath());
  }

  /** Whether the member's {@code field} was reported as bad. */
  private boolean isBad(Member member, String field) {
    return reported.at(member.name(), member.instance().origin().key(field));
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

  private void same(
      Member first, Member other, String field, Function<VrrpInstance, Object> value) {
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

  /**
   * Equal priorities are legal (Keepalived breaks the tie by address) but leave the VIPs' place to
   * addresses and start order; priority 255 is legal but makes its host the addresses' owner.
   */
  private void priorities(String instanceName, List<Member> members) {
    Map<Integer, Member> seen = new HashMap<>();
    for (Member member : members) {
      if (isBad(member, "priority")) {
        continue;
      }
      int priority = member.instance().priority();
      Member previous = seen.putIfAbsent(priority, member);
      if (previous != null) {
        problems.add(
            warning(
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
                    + ": Keepalived breaks the tie by the higher address, so which host holds the"
                    + " VIPs depends on addresses and start order, not on this CMDB",
                "give each host a different priority, the intended master the highest"));
      }
      if (priority == VrrpInstance.OWNER_PRIORITY) {
        problems.add(
            warning(
                member,
                "priority",
                "priority 255 makes "
                    + member.name()
                    + " the owner of instance '"
                    + instanceName
                    + "''s addresses: it takes the VIPs at once whenever it runs, with no"
                    + " election, and nothing (not nopreempt, nor the preempt_delay of a delayed"
                    + " fail-back) holds them elsewhere",
                "use a priority of 254 or less unless this host must always hold the VIPs"));
      }
    }
  }

  /**
   * Every election Keepalived accepts is accepted: one MASTER, none (all BACKUP: the priority
   * elects), or several. What is legal but risky is a warning that says why.
   */
  private void masters(String instanceName, List<Member> members) {
    List<Member> masters =
        members.stream().filter(m -> m.instance().state() == VrrpState.MASTER).toList();
    // Unless the fail-back is immediate, every host starts as BACKUP: no two hold the VIPs at once.
    List<Member> startingMasters =
        masters.stream()
            .filter(m -> Failback.of(m.host(), m.instance()) == Failback.IMMEDIATE)
            .toList();
    if (startingMasters.size() > 1) {
      for (Member extra : startingMasters.subList(1, startingMasters.size())) {
        problems.add(
            warning(
                extra,
                "state",
                "instance '"
                    + instanceName
                    + "' starts as MASTER on "
                    + startingMasters.stream()
                        .map(Member::name)
                        .collect(Collectors.joining(" and "))
                    + ": until their first advertisements each holds the VIPs and sends gratuitous"
                    + " ARPs for them; then the higher priority keeps them",
                "make one host MASTER and the others BACKUP, or all BACKUP and let the priority"
                    + " elect"));
      }
    }
    for (Member master : masters) {
      for (Member member : members) {
        if (member != master
            && member.instance().state() != VrrpState.MASTER
            && !member.instance().nopreempt()
            && !isBad(member, "priority")
            && !isBad(master, "priority")
            && member.instance().priority() > master.instance().priority()) {
          problems.add(
              warning(
                  member,
                  "priority",
                  "BACKUP "
                      + member.name()
                      + " has priority "
                      + member.instance().priority()
                      + ", above MASTER "
                      + master.name()
                      + "'s "
                      + master.instance().priority()
                      + ": it takes the VIPs as soon as it hears "
                      + master.name()
                      + " (the state only says where each starts)",
                  "give the MASTER the highest priority, or make every host BACKUP and let the"
                      + " priority elect"));
        }
      }
    }
  }

  private void unicast(String instanceName, List<Member> members) {
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

  private static Problem warning(Member member, String field, String message, String hint) {
    Origin origin = member.instance().origin();
    return Problem.warning(
        field.isEmpty() ? origin.location() : origin.of(field),
        member.name(),
        field.isEmpty() ? origin.keyPath() : origin.key(field),
        message,
        hint);
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
}
