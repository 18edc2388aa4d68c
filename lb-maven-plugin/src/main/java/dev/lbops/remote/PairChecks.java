package dev.lbops.remote;

import dev.lbops.model.Failback;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quick checks of a pair that lb:verify reports and the deploy's post-deploy check gates on,
 * from the hosts' states: one holder per VRRP instance, and no server down that was up.
 */
public final class PairChecks {

  private PairChecks() {}

  /** Who holds an instance's VIPs: the hosts holding all, and those holding some only. */
  public record Holders(List<String> all, List<String> partial) {

    public boolean exactlyOne() {
      return all.size() == 1 && partial.isEmpty();
    }

    /** What is wrong, for a message: an outage, a split brain or VIPs split between hosts. */
    public String problem(List<String> vips) {
      return all.isEmpty() && partial.isEmpty()
          ? "outage: no host holds " + vips
          : all.size() > 1
              ? "split brain: " + String.join(" and ", all) + " all hold " + vips
              : "VIPs split between hosts: " + String.join("; ", partial);
    }
  }

  /** The instance's holders among the hosts whose state was read. */
  public static Holders holders(SharedInstance instance, Map<String, HostState> states) {
    List<String> vips = instance.vips();
    List<String> all = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (HostConfig host : instance.hosts()) {
      HostState state = states.get(host.name());
      if (state == null) {
        continue;
      }
      long held = vips.stream().filter(state::holds).count();
      if (held == vips.size()) {
        all.add(host.name());
      } else if (held > 0) {
        partial.add(
            host.name() + " holds " + vips.stream().filter(state::holds).toList() + " only");
      }
    }
    return new Holders(all, partial);
  }

  /** The problem with an instance's holders, or empty when exactly one host holds its VIPs. */
  public static Optional<String> holderProblem(
      SharedInstance instance, Map<String, HostState> states) {
    Holders holders = holders(instance, states);
    return holders.exactlyOne()
        ? Optional.empty()
        : Optional.of(instance.name() + ": " + holders.problem(instance.vips()));
  }

  /**
   * The member that holds the instance's VIPs once VRRP has settled with every member running: the
   * one of highest priority; empty when two share it, or when a member does not preempt at once
   * (its {@link Failback} is not {@code immediate}: {@code delayed} renders {@code preempt_delay},
   * {@code never} {@code nopreempt}) and so any member may rightly hold them.
   */
  public static Optional<String> rightfulHolder(SharedInstance instance) {
    if (instance.members().stream()
        .anyMatch(m -> Failback.of(m.host(), m.instance()) != Failback.IMMEDIATE)) {
      return Optional.empty();
    }
    int highest =
        instance.members().stream().mapToInt(m -> m.instance().priority()).max().orElse(0);
    List<String> highestMembers =
        instance.members().stream()
            .filter(m -> m.instance().priority() == highest)
            .map(SharedInstance.Member::name)
            .toList();
    return highestMembers.size() == 1 ? Optional.of(highestMembers.get(0)) : Optional.empty();
  }

  /**
   * HAProxy's servers down in {@code after} that were up in {@code before}; not one put in
   * maintenance ({@code MAINT}: by its config's {@code disabled}, or by hand), which is meant.
   */
  public static List<String> newlyDown(HostState before, HostState after) {
    List<String> up =
        before.servers().stream()
            .filter(server -> !server.down())
            .map(server -> server.id())
            .toList();
    return after.servers().stream()
        .filter(HostState.ServerState::down)
        .filter(server -> !server.status().equals("MAINT"))
        .filter(server -> up.contains(server.id()))
        .map(server -> server.id() + " " + server.status())
        .toList();
  }
}
