package dev.lbops.verify;

import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
   */
  record Ready(
      String instance,
      List<String> vips,
      HostConfig master,
      HostConfig backup,
      Optional<TrafficTarget> target,
      long limitMillis)
      implements DrillPlan {

    public Ready {
      vips = List.copyOf(vips);
    }
  }

  /** No drill now: the result that says why. */
  record Impossible(DrillResult result) implements DrillPlan {}

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
    return new Ready(instance, vips, master, backup, target, limit);
  }

  /** 3 adverts plus the skew (when VRRP deems the master down), plus 1 s for ARP and polling. */
  static long derivedLimitMillis(VrrpInstance backup) {
    BigDecimal advert = backup.advertInt();
    BigDecimal skew =
        advert
            .multiply(BigDecimal.valueOf(256 - backup.priority()))
            .divide(BigDecimal.valueOf(256), 6, RoundingMode.HALF_UP);
    return advert.multiply(BigDecimal.valueOf(3)).add(skew).movePointRight(3).longValue() + 1000;
  }
}
