package dev.lbops.verify;

import dev.lbops.model.Cluster;
import dev.lbops.remote.VipFrontend;
import dev.lbops.render.PemFile;
import dev.lbops.render.ShippedFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A request through every frontend bound to a VIP, as a client would send it. */
final class TrafficChecks {

  private TrafficChecks() {}

  /**
   * Every frontend bound to a VIP (or to all addresses), once per VIP and port; a TLS bind whose
   * {@code crt} is one of {@code shipped} must serve its certificate.
   */
  static List<TrafficTarget> targets(Cluster cluster, List<ShippedFile> shipped) {
    return VipFrontend.all(cluster).stream()
        .map(
            f ->
                new TrafficTarget(
                    f.frontend(),
                    f.address(),
                    f.port(),
                    f.http(),
                    f.tls(),
                    f.clientCertificate(),
                    f.certificate(),
                    f.tls() ? fingerprints(shipped, f.certificate()) : Set.of()))
        .toList();
  }

  private static Set<String> fingerprints(List<ShippedFile> shipped, String path) {
    return shipped.stream()
        .filter(file -> file.path().equals(path) && file.isText())
        .map(file -> PemFile.parse(new String(file.content(), StandardCharsets.UTF_8)))
        .filter(pem -> !pem.certificates().isEmpty())
        .map(pem -> PemFile.fingerprint(pem.certificates().get(0)))
        .collect(Collectors.toSet());
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
      VipFrontend.Answer answer = target.exchange(timeout);
      if (answer.failure() != null) {
        answer = target.exchange(timeout);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      String failure = answer.failure();
      if (failure != null) {
        checks.add(
            new Check(
                "traffic",
                name,
                false,
                target.display() + " does not answer: " + failure,
                seconds));
        continue;
      }
      String answered =
          target.clientCertificate()
              ? "a client certificate required (not requested further)"
              : target.http() ? "HTTP answer" : "connection accepted";
      if (!target.tls()) {
        checks.add(new Check("traffic", name, true, answered, seconds));
        continue;
      }
      String served = PemFile.describe(answer.served());
      boolean shipped = target.shipped().contains(PemFile.fingerprint(answer.served()));
      if (!target.shipped().isEmpty() && !shipped) {
        checks.add(
            new Check(
                "traffic",
                name,
                false,
                target.display()
                    + " serves a certificate that is not the shipped "
                    + target.certificate()
                    + ": "
                    + served,
                seconds));
        continue;
      }
      checks.add(
          new Check(
              "traffic",
              name,
              true,
              "TLS handshake, "
                  + (shipped ? "the shipped " + target.certificate() + ": " : "certificate ")
                  + served
                  + ", "
                  + answered,
              seconds));
    }
    return checks;
  }
}
