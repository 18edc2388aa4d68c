package dev.lbops.verify;

import dev.lbops.model.Failback;
import dev.lbops.model.Failover;
import dev.lbops.model.HaproxyCheck;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who plays which part in one instance's drill, as the hosts' states show now: a drill that is
 * {@link Ready} to run, or one that is {@link Impossible} and says why.
 */
sealed interface DrillPlan {

  /**
   * @param master the host that holds all the instance's VIPs now
   * @param backup the member that should take them over: the other one of highest priority
   * @param target what the probe requests, or empty when no frontend binds the VIPs
   * @param limitMillis the longest failover that passes
   * @param masterInstance the master's declaration of the instance (its VIPs and interface)
   * @param failback what the master's return should bring
   */
  record Ready(
      String instance,
      List<String> vips,
      HostConfig master,
      HostConfig backup,
      Optional<TrafficTarget> target,
      long limitMillis,
      VrrpInstance masterInstance,
      FailbackExpectation failback)
      implements DrillPlan {

    public Ready {
      vips = List.copyOf(vips);
    }
  }

  /** No drill now: the result that says why. */
  record Impossible(DrillResult result) implements DrillPlan {}

  /**
   * What the master's return should bring, from the instance's fail-back.
   *
   * @param returns whether the VIPs should come back to the master: not with {@code failback:
   *     never}, nor when the drilled master is not the one of highest priority
   * @param millis how long the VIPs may take to come back, or how long they must stay on the backup
   * @param lossless whether a request that fails on the way back fails the drill: all but {@code
   *     failback: immediate}
   */
  record FailbackExpectation(Failback failback, boolean returns, long millis, boolean lossless) {

    /**
     * From the returning master's settings: its Keepalived's start (a second), {@code chk_haproxy}
     * passing {@code rise} times, {@code preempt_delay}, then the backup's adverts it ignores until
     * VRRP deems the lower master gone (3 adverts plus its skew), and two seconds to spare.
     */
    static FailbackExpectation of(HostConfig master, VrrpInstance instance, boolean highest) {
      Failback failback = Failback.of(master, instance);
      HaproxyCheck check = master.keepalived().haproxyCheck();
      long millis = 1000 + (instance.trackHaproxy() ? check.readySeconds() * 1000L : 0);
      if (failback == Failback.DELAYED) {
        millis += Failback.preemptDelaySeconds(master.keepalived(), instance) * 1000L;
      }
      millis += masterDownMillis(instance) + 2000;
      return new FailbackExpectation(
          failback, highest && failback != Failback.NEVER, millis, failback != Failback.IMMEDIATE);
    }
  }

  /**
   * @param states each readable host's state, read just now
   * @param targets every frontend on a VIP; the first on one of the instance's VIPs is probed
   * @param maxFailoverMillis the configured limit; 0 derives it from the backup's advert_int
   */
  static DrillPlan of(
      SharedInstance shared,
      DrillMode mode,
      Map<String, HostState> states,
      List<TrafficTarget> targets,
      long maxFailoverMillis) {
    String instance = shared.name();
    List<String> vips = shared.vips();
    HostConfig master =
        shared.hosts().stream()
            .filter(host -> states.containsKey(host.name()))
            .filter(host -> vips.stream().allMatch(states.get(host.name())::holds))
            .findFirst()
            .orElse(null);
    if (master == null) {
      return new Impossible(
          DrillResult.notRun(
              instance,
              mode,
              "",
              "",
              "",
              maxFailoverMillis,
              "not run: no host holds " + vips + " now",
              List.of()));
    }
    HostConfig backup =
        shared.hosts().stream()
            .filter(host -> host != master)
            .max(Comparator.comparingInt(host -> shared.member(host.name()).instance().priority()))
            .orElse(null);
    Optional<TrafficTarget> target =
        targets.stream().filter(t -> vips.contains(t.address())).findFirst();
    long limit =
        maxFailoverMillis > 0
            ? maxFailoverMillis
            : backup == null ? 0 : derivedLimitMillis(shared.member(backup.name()).instance());
    if (backup == null) {
      return new Impossible(
          DrillResult.notRun(
              instance,
              mode,
              master.name(),
              "",
              "",
              limit,
              "no backup: only " + master.name() + " runs " + instance,
              List.of()));
    }
    VrrpInstance masterInstance = shared.member(master.name()).instance();
    boolean highest =
        masterInstance.priority() > shared.member(backup.name()).instance().priority();
    return new Ready(
        instance,
        vips,
        master,
        backup,
        target,
        limit,
        masterInstance,
        FailbackExpectation.of(master, masterInstance, highest));
  }

  /**
   * The member that holds the VIPs when all is well: the one of highest priority, unless the
   * instance never fails back (then whoever holds them is fine).
   */
  static Optional<HostConfig> preferredHolder(SharedInstance shared) {
    SharedInstance.Member top =
        shared.members().stream()
            .max(Comparator.comparingInt(member -> member.instance().priority()))
            .orElseThrow();
    return Failback.of(top.host(), top.instance()) == Failback.NEVER
        ? Optional.empty()
        : Optional.of(top.host());
  }

  /** 3 adverts plus the skew (when VRRP deems the master down), plus 1 s for ARP and polling. */
  static long derivedLimitMillis(VrrpInstance backup) {
    return masterDownMillis(backup) + 1000;
  }

  /** VRRP's master down interval of that member: 3 adverts plus its skew. */
  static long masterDownMillis(VrrpInstance member) {
    return Failover.masterDownMillis(member);
  }
}
