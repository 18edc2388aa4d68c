package dev.lbops.rehearse;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.core.LbLog;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.model.Cluster;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.ssh.HostKeys;
import dev.lbops.verify.VerifyOptions;
import dev.lbops.verify.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Tries a project's real cluster definition on a lab before production: one lab host per project
 * host, a stub backend per server, the project's addresses mapped into the lab; then deploy and
 * verify (with the drills) as in production, and the lab removed again.
 */
public final class Rehearsal {

  private final LbLog log;

  public Rehearsal(LbLog log) {
    this.log = log;
  }

  /** What a rehearsal did: the mapping, the deploy and the verify. */
  public record Result(AddressMap map, DeployReport deploy, VerifyReport verify) {}

  public Result run(ClusterOperations project, RehearsalOptions options) {
    Cluster cluster = project.validate();
    AddressMap.Needs needs = AddressMap.needs(cluster);
    Path labDirectory = options.directory().resolve("lab");
    Lab lab =
        Lab.up(
            new LabSpec(
                options.labName(),
                options.kind(),
                needs.hosts(),
                needs.servers().size(),
                labDirectory),
            log);
    try {
      AddressMap map = AddressMap.onto(cluster, needs, lab);
      log.info("The project's cluster in the lab:");
      map.lines().forEach(line -> log.info("  " + line));
      ClusterSpec spec = project.spec();
      AddressMap.Mapped mapped =
          map.write(cluster, spec.cmdbDirectory(), groupOf(spec), lab, options.directory());
      ClusterOperations rehearsed =
          project.withSpec(
              new ClusterSpec(
                  List.of(),
                  mapped.inventory(),
                  groupOf(spec),
                  mapped.cmdbDirectory(),
                  spec.lookupPath(),
                  spec.mergeStrategy(),
                  spec.environment(),
                  spec.listMerge()));
      VerifyOptions verify = options.verify();
      DeployReport deploy =
          rehearsed.deploy(
              options.render(),
              new DeployOptions(
                  false,
                  Set.of(),
                  0,
                  true,
                  HostKeys.strict(lab.knownHosts()),
                  verify.connectTimeout(),
                  verify.commandTimeout(),
                  Duration.ofSeconds(30),
                  false,
                  verify.lease()));
      if (cluster.hosts().stream().anyMatch(host -> host.haproxy().sendsClientIp())) {
        String via = map.firstVip(cluster);
        log.info(
            "Client-IP mode: the stub backends send replies to this machine and the lab client"
                + " through "
                + via
                + ", as real servers must use the load balancers as their gateway");
        lab.routeBackends(via, List.of(lab.state().gateway(), lab.host("client").address()));
      }
      VerifyOptions onLab = verify.onLab(HostKeys.strict(lab.knownHosts()));
      return new Result(map, deploy, rehearsed.verify(options.render(), onLab));
    } finally {
      if (options.keepLab()) {
        log.info(
            "The lab stays up (lb.keepLab): remove it with lb:lab-down -Dlb.labDirectory="
                + labDirectory);
      } else {
        Lab.down(labDirectory, log);
      }
    }
  }

  private static String groupOf(ClusterSpec spec) {
    return spec.group() == null || spec.group().isEmpty() ? "lb" : spec.group();
  }
}
