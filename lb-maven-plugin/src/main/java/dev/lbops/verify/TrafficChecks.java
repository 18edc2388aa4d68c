package dev.lbops.verify;

import dev.lbops.model.Cluster;
import dev.lbops.remote.VipFrontend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A request through every frontend bound to a VIP, as a client would send it. */
final class TrafficChecks {

  private TrafficChecks() {}

  /** Every frontend bound to a VIP (or to all addresses), once per VIP and port. */
  static List<TrafficTarget> targets(Cluster cluster) {
    return VipFrontend.all(cluster).stream()
        .map(f -> new TrafficTarget(f.frontend(), f.address(), f.port(), f.http()))
        .toList();
  }

  /**
   * One request per target, retried once (a single lost packet is not an outage).
   *
   * @param probeTimeout one probe request's timeout; a check allows four times as much
   */
  static List<Check> run(List<TrafficTarget> targets, Duration probeTimeout) {
    Duration timeout = probeTimeout.multipliedBy(4);
    List<Check> checks = new ArrayList<>();
    for (TrafficTarget target : targets) {
      String name = "frontend " + target.frontend() + " answers on " + target.display();
      long started = System.nanoTime();
      String failure = target.request(timeout);
      if (failure != null) {
        failure = target.request(timeout);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      checks.add(
          failure == null
              ? new Check(
                  "traffic",
                  name,
                  true,
                  target.http() ? "HTTP answer" : "connection accepted",
                  seconds)
              : new Check(
                  "traffic",
                  name,
                  false,
                  target.display() + " does not answer: " + failure,
                  seconds));
    }
    return checks;
  }
}
