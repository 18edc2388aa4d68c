package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a cluster: each host ({@link HostRules}) and each VRRP instance across the hosts that
 * share it ({@link PairRules}). Reports every problem; contacts nothing.
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
      HostRules.check(host, problems);
    }
    PairRules.check(cluster, readErrors, problems);
    return problems;
  }
}
