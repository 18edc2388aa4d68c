package dev.lbops.deploy;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VrrpState;
import dev.lbops.remote.Service;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order of a deploy: its hosts with backups before masters, so that a failed change never costs
 * the VIP; and which of them may be activated side by side.
 */
final class PairOrder {

  private PairOrder() {}

  /**
   * The hosts to deploy (all, or those named in {@code lb.only}), backups first, then masters
   * ({@link #masters}).
   *
   * @throws ProblemsException when {@code lb.only} names a host the cluster does not have
   */
  static List<HostConfig> targets(Cluster cluster, DeployOptions options) {
    for (String name : options.onlyHosts()) {
      if (cluster.hosts().stream().noneMatch(host -> host.name().equals(name))) {
        throw new ProblemsException(
            "Unknown host in lb.only",
            List.of(
                Problem.error(
                    Location.UNKNOWN,
                    name,
                    "lb.only",
                    "'" + name + "' is not a host of the cluster",
                    "use one of " + cluster.hosts().stream().map(HostConfig::name).toList())));
      }
    }
    Set<String> masters = masters(cluster);
    return cluster.hosts().stream()
        .filter(host -> options.onlyHosts().isEmpty() || options.onlyHosts().contains(host.name()))
        .sorted(Comparator.comparing((HostConfig host) -> masters.contains(host.name())))
        .toList();
  }

  /**
   * The order in which {@code targets} are activated: backups first, so that a failed change never
   * costs a serving VIP; but when Keepalived runs on none of them the pair serves nothing yet, and
   * its masters go first so that each takes the VIPs it is declared to hold (with {@code failback:
   * never} no master would take them back from a backup that started first).
   */
  static List<HostConfig> activation(
      Cluster cluster, List<HostConfig> targets, Function<String, HostFacts> facts) {
    boolean keepalivedRunsNowhere =
        targets.stream()
            .map(host -> facts.apply(host.name()).services().get(Service.KEEPALIVED))
            .noneMatch(status -> status != null && status.running());
    if (!keepalivedRunsNowhere) {
      return targets;
    }
    Set<String> masters = masters(cluster);
    return targets.stream()
        .sorted(Comparator.comparing((HostConfig host) -> !masters.contains(host.name())))
        .toList();
  }

  /**
   * The targets in groups that share no VRRP instance, each in pair order: one group's hosts go one
   * at a time, the groups side by side.
   */
  static List<List<HostConfig>> sideBySide(List<HostConfig> targets) {
    return Cluster.independentGroups(targets);
  }

  /**
   * The hosts that hold a VRRP instance's VIPs once all of its hosts run: its member of highest
   * priority (Keepalived's election), of two alike the one that starts as MASTER.
   */
  static Set<String> masters(Cluster cluster) {
    Set<String> masters = new HashSet<>();
    for (SharedInstance instance : cluster.instances()) {
      instance.members().stream()
          .max(
              Comparator.comparingInt(
                      (SharedInstance.Member member) -> member.instance().priority())
                  .thenComparing(member -> member.instance().state() == VrrpState.MASTER))
          .ifPresent(member -> masters.add(member.name()));
    }
    return masters;
  }
}
