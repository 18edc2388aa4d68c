package dev.lbops.deploy;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VrrpState;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a deploy: its hosts with backups before masters, so that a failed change never costs
 * the VIP; and which of them may be activated side by side.
 */
final class PairOrder {

  private PairOrder() {}

  /**
   * The hosts to deploy (all, or those named in {@code lb.hosts}), backups first, then masters.
   *
   * @throws ProblemsException when {@code lb.hosts} names a host the cluster does not have
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
    return cluster.hosts().stream()
        .filter(host -> options.onlyHosts().isEmpty() || options.onlyHosts().contains(host.name()))
        .sorted(Comparator.comparing(PairOrder::isMaster))
        .toList();
  }

  /**
   * The targets in groups that share no VRRP instance, each in pair order: one group's hosts go one
   * at a time, the groups side by side.
   */
  static List<List<HostConfig>> sideBySide(List<HostConfig> targets) {
    return Cluster.independentGroups(targets);
  }

  static boolean isMaster(HostConfig host) {
    return host.keepalived().instances().stream()
        .anyMatch(instance -> instance.state() == VrrpState.MASTER);
  }
}
