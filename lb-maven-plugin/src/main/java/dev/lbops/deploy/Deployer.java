package dev.lbops.deploy;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.Secret;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.HostStepException;
import dev.lbops.render.RenderedFile;
import dev.lbops.ssh.SshException;
import dev.lbops.ssh.SshTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ships rendered configs to the hosts as a careful operator would, in two calls: {@link #connect}
 * reads every host's facts over one SSH connection each (so that the cluster can be rendered for
 * the operating systems the hosts report), then {@link #deploy} prepares every host in parallel
 * ({@link HostPreparation}) and, only when all are prepared, activates them in pair order ({@link
 * Activation}), or in a dry run only shows the diff ({@link DryRun}). A failure before any host
 * changed changes none.
 */
public final class Deployer {

  private final CredentialSource credentials;
  private final HostPreparation preparation;
  private final LbLog log;

  public Deployer(CredentialSource credentials, LbLog log) {
    this.credentials = credentials;
    this.preparation = new HostPreparation(credentials, log);
    this.log = log;
  }

  /**
   * Connects to each host to deploy and reads its facts, all hosts in parallel.
   *
   * @param cluster the cluster as loaded and validated: its hosts, logins and secrets
   * @throws DeployException when a host cannot be reached or read (no host is changed)
   * @throws dev.lbops.core.ProblemsException when a host's login is wrong (no host is contacted)
   */
  public ConnectedHosts connect(Cluster cluster, DeployOptions options) {
    List<HostConfig> targets = PairOrder.targets(cluster, options);
    SshTargets.check(targets.stream().map(HostConfig::host).toList(), credentials);
    int threads = threads(options, targets);
    Map<String, ConnectedHosts.Connected> connected = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    try {
      Parallel.map(
          targets,
          threads,
          host -> {
            try {
              connected.put(host.name(), preparation.connect(host, options));
            } catch (SshException | HostStepException e) {
              failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
            }
            return host;
          });
    } catch (RuntimeException e) {
      new ConnectedHosts(connected, threads, log).close();
      throw e;
    }
    ConnectedHosts hosts = new ConnectedHosts(connected, threads, log);
    if (!failures.isEmpty()) {
      hosts.close();
      throw failedBeforeAnyChange(targets, failures);
    }
    return hosts;
  }

  /**
   * Deploys {@code files} to the connected hosts: prepares them all, then activates (or, in a dry
   * run, computes the diff).
   *
   * @param cluster the cluster {@code files} were rendered from, for the hosts' operating systems
   * @throws DeployException when a host fails; its report says how each host was left
   */
  public DeployReport deploy(
      ConnectedHosts hosts, Cluster cluster, List<RenderedFile> files, DeployOptions options) {
    List<HostConfig> targets = PairOrder.targets(cluster, options);
    Map<String, PreparedHost> prepared = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    Parallel.map(
        targets,
        threads(options, targets),
        host -> {
          try {
            prepared.put(
                host.name(),
                preparation.prepare(hosts.get(host.name()), host, files, options, hosts));
          } catch (SshException | HostStepException e) {
            failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
          }
          return host;
        });
    if (!failures.isEmpty()) {
      throw failedBeforeAnyChange(targets, failures);
    }
    if (options.dryRun()) {
      return DryRun.report(targets, prepared, files);
    }
    return new Activation(log).run(targets, prepared, options);
  }

  private static int threads(DeployOptions options, List<HostConfig> targets) {
    return options.parallelism() > 0 ? options.parallelism() : targets.size();
  }

  private static DeployException failedBeforeAnyChange(
      List<HostConfig> targets, Map<String, String> failures) {
    List<HostOutcome> outcomes = new ArrayList<>();
    for (HostConfig host : targets) {
      String failure = failures.get(host.name());
      outcomes.add(
          new HostOutcome(
              host.name(),
              List.of(),
              Map.of(),
              failure != null ? HostOutcome.State.FAILED : HostOutcome.State.NOT_CHANGED,
              0,
              failure != null
                  ? failure
                  : "nothing was changed: another host failed before any was changed"));
    }
    return new DeployException(
        "Deploy failed before any host was changed: " + String.join("; ", failures.values()),
        new DeployReport(false, outcomes, List.of()));
  }
}
