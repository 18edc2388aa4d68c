package dev.lbops.deploy;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbException;
import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostLocks;
import dev.lbops.remote.HostStepException;
import dev.lbops.render.ClusterRenderer;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshException;
import dev.lbops.ssh.SshTargets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ships rendered configs to the hosts as a careful operator would, in two calls: {@link #connect}
 * reads every host's facts over one SSH connection each (so that the cluster can be rendered for
 * the operating systems the hosts report), then {@link #deploy} refuses a change that would lose
 * something on a host ({@link ChangeGuard}: a hand edit, every VRRP instance or every proxy) unless
 * forced, locks the hosts that need work (in host-name order when one is contended, so that two
 * deploys never wait for each other), prepares every host in parallel ({@link HostPreparation})
 * and, only when all are prepared, activates them in pair order ({@link Activation}), or in a dry
 * run only shows the diff ({@link DryRun}). A failure before any host changed changes none;
 * whatever fails, the report says how each host was left.
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
   * Connects to each host to deploy and reads its facts, all hosts in parallel; a host an
   * interrupted drill left taken away is put back first.
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
    HostLocks locks = new HostLocks(options.lease(), log);
    long started = System.nanoTime();
    try {
      Parallel.map(
          targets,
          threads,
          host -> {
            try {
              connected.put(host.name(), preparation.connect(host, options));
            } catch (ProblemsException e) {
              throw e;
            } catch (RuntimeException e) {
              failures.put(host.name(), failure(host, e));
            }
            return host;
          });
    } catch (RuntimeException e) {
      new ConnectedHosts(connected, locks, threads, log).close();
      throw e;
    }
    log.timed("connecting to every host and reading its facts", System.nanoTime() - started);
    ConnectedHosts hosts = new ConnectedHosts(connected, locks, threads, log);
    if (!failures.isEmpty()) {
      hosts.close();
      throw failedBeforeAnyChange(targets, failures);
    }
    return hosts;
  }

  /**
   * Deploys {@code files} to the connected hosts: refuses what would lose something on a host
   * unless forced, locks the ones that need work, prepares them all, then activates (or, in a dry
   * run, computes the diff). Each activated host records what it got ({@link DeployedState}).
   *
   * @param cluster the cluster {@code files} were rendered from, for the hosts' operating systems
   * @param shipped the files shipped with the configs, by host
   * @param producedFor the project the files belong to, recorded on each host
   * @throws DeployException when a host is refused or fails; its report says how each host was left
   */
  public DeployReport deploy(
      ConnectedHosts hosts,
      Cluster cluster,
      List<RenderedFile> files,
      List<ShippedFile> shipped,
      String producedFor,
      DeployOptions options) {
    List<HostConfig> targets = PairOrder.targets(cluster, options);
    Map<String, ChangeGuard.Refusal> refusals = new LinkedHashMap<>();
    for (HostConfig host : targets) {
      ChangeGuard.check(host, files, hosts.get(host.name()).facts())
          .ifPresent(refusal -> refusals.put(host.name(), refusal));
    }
    guard(targets, refusals, options);
    String deployedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, String> underLock;
    long lockStarted = System.nanoTime();
    try {
      underLock = lock(hosts, cluster, targets, files, shipped, options);
      log.timed("deploy: locking the hosts that need work", System.nanoTime() - lockStarted);
    } catch (HostStepException e) {
      throw failedBeforeAnyChange(targets, Map.of(e.host(), e.getMessage()));
    } catch (SshException e) {
      throw failedBeforeAnyChange(targets, Map.of(e.host(), e.getMessage()));
    }
    Map<String, PreparedHost> prepared = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    long prepareStarted = System.nanoTime();
    Parallel.map(
        targets,
        threads(options, targets),
        host -> {
          try {
            prepared.put(
                host.name(),
                preparation.prepare(
                    hosts.get(host.name()),
                    cluster,
                    host,
                    files,
                    shipped,
                    record(host, files, producedFor, deployedAt),
                    options,
                    underLock.get(host.name())));
          } catch (RuntimeException e) {
            failures.put(host.name(), failure(host, e));
          }
          return host;
        });
    log.timed(
        "deploy: preparing every host (install, upload, check)",
        System.nanoTime() - prepareStarted);
    if (!failures.isEmpty()) {
      throw failedBeforeAnyChange(targets, failures);
    }
    if (options.dryRun()) {
      return DryRun.report(targets, prepared, files, refusals);
    }
    List<HostConfig> order =
        PairOrder.activation(cluster, targets, name -> hosts.get(name).facts());
    return log.timed(
        "deploy: activating, in pair order",
        () -> new Activation(log).run(cluster, order, prepared, options));
  }

  /**
   * Takes the lock of each host that needs work, reading it again under the lock; what each
   * printed, by host name (none for a dry run, which changes nothing).
   */
  private static Map<String, String> lock(
      ConnectedHosts hosts,
      Cluster cluster,
      List<HostConfig> targets,
      List<RenderedFile> files,
      List<ShippedFile> shipped,
      DeployOptions options) {
    if (options.dryRun()) {
      return Map.of();
    }
    List<RemoteHost> needing = new ArrayList<>();
    for (HostConfig host : targets) {
      ConnectedHosts.Connected connected = hosts.get(host.name());
      if (HostPreparation.needsWork(cluster, host, files, shipped, connected.facts())) {
        needing.add(connected.remote());
      }
    }
    return hosts.locks().takeAll(needing, remote -> HostFacts.lockScript(), options.lockTimeout());
  }

  /** A host's failure for the report: its message with the host's secrets redacted. */
  private static String failure(HostConfig host, RuntimeException e) {
    String message =
        e instanceof LbException ? e.getMessage() : host.name() + ": " + String.valueOf(e);
    return Secret.redact(message, host.secrets());
  }

  /**
   * Refuses the deploy, before anything changes on any host, when it would lose something on one
   * and is not forced; in a dry run only says so, and when forced says what it overwrites.
   */
  private void guard(
      List<HostConfig> targets, Map<String, ChangeGuard.Refusal> refusals, DeployOptions options) {
    for (ChangeGuard.Refusal refusal : refusals.values()) {
      String prefix = "[" + refusal.host() + "] ";
      if (options.dryRun()) {
        log.warn(
            prefix + "a deploy would refuse this host without -Dlb.force: " + reasons(refusal));
      } else if (options.force()) {
        log.warn(prefix + "overwritten as forced (lb.force): " + reasons(refusal));
      } else {
        log.error(prefix + "refused: " + reasons(refusal));
        refusal.diffs().forEach(diff -> diff.lines().forEach(line -> log.error(prefix + line)));
      }
    }
    if (refusals.isEmpty() || options.dryRun() || options.force()) {
      return;
    }
    List<HostOutcome> outcomes = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    for (HostConfig host : targets) {
      ChangeGuard.Refusal refusal = refusals.get(host.name());
      if (refusal != null) {
        diffs.addAll(refusal.diffs());
      }
      outcomes.add(
          new HostOutcome(
              host.name(),
              List.of(),
              Map.of(),
              refusal != null ? HostOutcome.State.REFUSED : HostOutcome.State.NOT_CHANGED,
              0,
              refusal != null
                  ? reasons(refusal)
                  : "nothing was changed: the deploy was refused on "
                      + String.join(", ", refusals.keySet())));
    }
    throw new DeployException(
        "Deploy refused, no host was changed: "
            + String.join(
                "; ", refusals.values().stream().map(ChangeGuard.Refusal::message).toList()),
        new DeployReport(false, outcomes, diffs));
  }

  private static String reasons(ChangeGuard.Refusal refusal) {
    return String.join("; ", refusal.reasons());
  }

  /** What an activation of {@code host} records there: its rendered configs' body checksums. */
  private static DeployedState record(
      HostConfig host, List<RenderedFile> files, String producedFor, String deployedAt) {
    Map<ConfigKind, String> sums = new EnumMap<>(ConfigKind.class);
    files.stream()
        .filter(file -> file.host().equals(host.name()))
        .forEach(file -> sums.put(file.kind(), file.bodySha256()));
    return DeployedState.of(ClusterRenderer.pluginVersion(), producedFor, deployedAt, sums);
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
