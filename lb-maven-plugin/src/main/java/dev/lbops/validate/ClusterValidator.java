package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a cluster as read: each value ({@link ValueRules}), each secret by the file it goes into
 * ({@link SecretRules}), each free line ({@link FreeLineRules}), each line of HAProxy's dedicated
 * keys ({@link DirectiveRules}), each host ({@link HostRules}) and each VRRP instance across the
 * hosts that share it ({@link PairRules}, how it fails back: {@link FailbackRules}, and what a fast
 * failover needs: {@link FailoverRules}). Reports every problem; contacts nothing.
 */
public final class ClusterValidator {

  /** Validates a cluster whose values all read cleanly. */
  public List<Problem> validate(Cluster cluster) {
    return validate(cluster, List.of());
  }

  /**
   * Validates a cluster; {@code readProblems} are those found while reading it, so that a value
   * already reported as bad is not compared across hosts again, and nothing is concluded from an
   * element the binder left out.
   */
  public List<Problem> validate(Cluster cluster, List<Problem> readProblems) {
    List<Problem> problems = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      problems.addAll(ValueRules.check(host));
      problems.addAll(SecretRules.check(host));
      problems.addAll(FreeLineRules.check(host));
      problems.addAll(DirectiveRules.check(host.name(), host.haproxy()));
      problems.addAll(FailoverRules.check(host));
    }
    List<Problem> found = new ArrayList<>(readProblems);
    found.addAll(problems);
    Reported reported = new Reported(found);
    for (HostConfig host : cluster.hosts()) {
      HostRules.check(host, reported, problems);
      TrackRules.check(host, reported, problems);
      SectionRules.check(host, problems);
    }
    PairRules.check(cluster, reported, problems);
    TrackRules.checkPairs(cluster, reported, problems);
    SectionRules.checkPeers(cluster, problems);
    FailbackRules.check(cluster, reported, problems);
    cluster.instances().forEach(shared -> FailoverRules.agree(shared, reported, problems));
    return problems;
  }
}
