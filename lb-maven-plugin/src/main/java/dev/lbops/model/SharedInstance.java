package dev.lbops.model;

import java.util.List;

/**
 * One VRRP instance as the hosts that run it share it: every member with its own declaration of the
 * instance (priority and state differ between members).
 */
public record SharedInstance(String name, List<Member> members) {

  /** A host that runs the instance, with its declaration of it. */
  public record Member(HostConfig host, VrrpInstance instance) {
    public String name() {
      return host.name();
    }
  }

  public SharedInstance {
    members = List.copyOf(members);
  }

  public List<HostConfig> hosts() {
    return members.stream().map(Member::host).toList();
  }

  /** Every VIP any member declares for the instance, in order of first appearance. */
  public List<String> vips() {
    return members.stream()
        .flatMap(member -> member.instance().virtualIps().stream())
        .map(VirtualIp::ip)
        .distinct()
        .toList();
  }

  /** The member of that host. */
  public Member member(String host) {
    return members.stream()
        .filter(member -> member.name().equals(host))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(host + " does not run " + name));
  }
}
