package dev.lbops.deploy;

import static dev.lbops.remote.HostStepException.lastLines;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.Secret;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.HaproxyRuntime;
import dev.lbops.remote.HostServices;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.ServiceStatus;
import dev.lbops.remote.StateLines;
import dev.lbops.render.ConfigKind;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.SshException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Activates prepared hosts and, on a failure, restores them. Hosts that share no VRRP instance,
 * directly or through others, are independent: each such group is activated on a thread of its own,
 * one host at a time in pair order: backup, atomic rename, reload (or start), health, then the
 * post-deploy check ({@link HealthGate}). After a failure — of a command, of the connection, or of
 * the check — no group starts another host; the failed host is restored (over a new connection when
 * its own was lost), and so are the hosts changed in this run (unless {@code lb.rollback=false});
 * the check fails the same way at the end, after every host.
 */
final class Activation {

  /** Where an activation notes how far it got, for a restore after a lost connection. */
  static final String ACTIVATION = "/run/lb-maven-plugin.activation";

  private static final String RESTORED = "restored its previous configuration";

  private final LbLog log;

  Activation(LbLog log) {
    this.log = log;
  }

  /**
   * Activates every changed host of {@code targets}.
   *
   * @param cluster the cluster the hosts' configs were rendered from, for the post-deploy check
   * @throws DeployException when a host or the post-deploy check fails; its report says how each
   *     host was left
   */
  DeployReport run(
      Cluster cluster,
      List<HostConfig> targets,
      Map<String, PreparedHost> prepared,
      DeployOptions options) {
    String token = options.lease().token();
    List<PreparedHost> done = Collections.synchronizedList(new ArrayList<>());
    Map<String, HostOutcome> outcomes = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    boolean changes = prepared.values().stream().anyMatch(p -> !p.unchanged());
    HealthGate gate = changes ? HealthGate.before(cluster, prepared, log) : null;
    List<List<HostConfig>> groups = PairOrder.sideBySide(targets);
    Set<String> masters = PairOrder.masters(cluster);
    Parallel.map(
        groups,
        options.parallelism() > 0 ? options.parallelism() : groups.size(),
        group -> {
          for (HostConfig host : group) {
            PreparedHost p = prepared.get(host.name());
            if (p.unchanged()) {
              outcomes.put(host.name(), p.outcome(HostOutcome.State.UNCHANGED, ""));
              continue;
            }
            if (!failures.isEmpty()) {
              return group;
            }
            if (p.appliedLive()) {
              // Past the failure check: a host changed live is activated, so restored on failure.
              p = applyLive(p, gate);
            }
            log.info(
                "["
                    + host.name()
                    + "] activating ("
                    + (masters.contains(host.name()) ? "master" : "backup")
                    + "): backups kept, files renamed into place, "
                    + p.actions());
            String failure = activateAndCheck(p, token, gate);
            if (failure == null) {
              done.add(p);
              outcomes.put(host.name(), p.outcome(HostOutcome.State.CHANGED, ""));
              continue;
            }
            String restored = restore(p, token, gate);
            failures.put(host.name(), failure + "; " + restored);
            outcomes.put(
                host.name(), p.outcome(HostOutcome.State.FAILED, failure + "; " + restored));
            return group;
          }
          return group;
        });
    String atEnd = null;
    if (failures.isEmpty() && gate != null) {
      atEnd =
          gate.atEnd().map(problems -> "the post-deploy check failed: " + problems).orElse(null);
    }
    if (failures.isEmpty() && atEnd == null) {
      return new DeployReport(true, inOrder(targets, outcomes), List.of());
    }
    List<String> failed =
        targets.stream().map(HostConfig::name).filter(failures::containsKey).toList();
    List<String> rolledBack = new ArrayList<>();
    boolean rollback = options.rollback();
    for (int i = done.size() - 1; i >= 0 && rollback; i--) {
      PreparedHost earlier = done.get(i);
      String restored = restore(earlier, token, gate);
      outcomes.put(
          earlier.config().name(),
          earlier.outcome(
              HostOutcome.State.ROLLED_BACK, atEnd == null ? restored : atEnd + "; " + restored));
      rolledBack.add(earlier.config().name());
    }
    for (HostConfig rest : targets) {
      outcomes.computeIfAbsent(
          rest.name(),
          name ->
              prepared
                  .get(name)
                  .outcome(
                      HostOutcome.State.NOT_CHANGED,
                      "not reached: " + String.join(", ", failed) + " failed first"));
    }
    String message =
        (atEnd != null
                ? atEnd
                : String.join(
                    "; ", failed.stream().map(name -> name + ": " + failures.get(name)).toList()))
            + (rolledBack.isEmpty()
                ? (done.isEmpty()
                    ? ""
                    : "; hosts changed before it were kept as they are now: "
                        + done.stream().map(d -> d.config().name()).toList()
                        + " (lb.rollback=false)")
                : "; rolled back " + rolledBack);
    throw new DeployException(
        "Deploy failed: " + message,
        new DeployReport(false, inOrder(targets, outcomes), List.of()));
  }

  /**
   * The host's live change applied; when it fails, the host as reloaded instead (its new config
   * then converges whatever part of the change HAProxy took).
   */
  private PreparedHost applyLive(PreparedHost p, HealthGate gate) {
    return new LiveApplication(log)
        .apply(p, gate.before(p.config().name()))
        .map(
            failure -> {
              log.warn(
                  "["
                      + p.config().name()
                      + "] the live change failed ("
                      + failure
                      + "): HAProxy is reloaded with the new config instead");
              return p.reloadInstead(failure);
            })
        .orElse(p);
  }

  private static List<HostOutcome> inOrder(
      List<HostConfig> targets, Map<String, HostOutcome> outcomes) {
    return targets.stream().map(host -> outcomes.get(host.name())).toList();
  }

  /** The activation and its post-deploy check; null when both passed, else what failed. */
  private String activateAndCheck(PreparedHost p, String token, HealthGate gate) {
    String name = p.config().name();
    try {
      String failure = activate(p, token);
      if (failure != null) {
        return failure;
      }
      log.info("[" + name + "] healthy: haproxy and keepalived running");
      return gate.after(p.config())
          .map(problems -> "post-deploy check failed: " + problems)
          .orElse(null);
    } catch (SshException e) {
      return "activation failed: " + Secret.redact(e.detail(), p.config().secrets());
    } catch (RuntimeException e) {
      return "activation failed: " + Secret.redact(String.valueOf(e), p.config().secrets());
    }
  }

  /** Backup, atomic rename, reload or start, then health; null when the host is healthy. */
  private static String activate(PreparedHost p, String token) {
    String script = activateScript(p, token);
    CommandResult result = p.remote().script("activate the new configs", script);
    if (!result.ok()) {
      return "activation failed: "
          + lastLines(Secret.redact(result.stderr() + result.stdout(), p.config().secrets()));
    }
    HostServices after = HostServices.parse(StateLines.values(result.stdout()));
    for (Service service : Service.values()) {
      if (!after.services().get(service).running()) {
        return service.unit() + " is not running after the change";
      }
    }
    return null;
  }

  /**
   * Puts the previous files back and returns the services to how they were, over a new connection
   * when the host's was lost; says how the host was left.
   */
  private String restore(PreparedHost p, String token, HealthGate gate) {
    String script =
        restoreScript(
            p,
            token,
            gate.before(p.config().name()).map(HostState::serverStatuses).orElse(Map.of()));
    String name = p.config().name();
    String outcome;
    try {
      CommandResult result = p.remote().script("restore the previous configs", script);
      outcome =
          result.ok()
              ? RESTORED
              : "RESTORING FAILED, the host needs attention: "
                  + lastLines(Secret.redact(result.stderr(), p.config().secrets()));
    } catch (RuntimeException e) {
      String why = e instanceof SshException ssh ? ssh.detail() : String.valueOf(e);
      outcome =
          "RESTORING FAILED, the host needs attention: "
              + Secret.redact(why, p.config().secrets())
              + ". It may run the new configuration (its activation was cut off): re-run"
              + " lb:deploy once it can be reached";
    }
    if (outcome.equals(RESTORED)) {
      log.warn("[" + name + "] " + outcome);
    } else {
      log.error("[" + name + "] " + outcome);
    }
    return outcome;
  }

  /**
   * Backup, atomic rename, kernel settings, reload or start, the record of what the host got; then
   * the services' states, in the same round trip.
   */
  static String activateScript(PreparedHost p, String token) {
    ServiceControl control = p.facts().control();
    return Scripts.render(
        "activate.sh",
        Map.of(
            "token",
            token,
            "activation",
            ACTIVATION,
            "files",
            p.changed().stream()
                .map(
                    kind ->
                        Map.of(
                            "path", kind.hostPath(),
                            "backup", kind.hostPath() + ".lb-backup",
                            "next", kind.hostPath() + ".lb-new"))
                .toList(),
            "shipped",
            p.shipping().isEmpty() ? "" : p.shipping().activateScript(),
            "kernel",
            p.kernelNeeded() ? p.kernel().applyScript() : "",
            "actions",
            p.actions().entrySet().stream()
                .filter(
                    action ->
                        action.getValue() != ServiceAction.NONE
                            && action.getValue() != ServiceAction.LIVE)
                .map(
                    action ->
                        Map.of(
                            "command",
                            action.getValue() == ServiceAction.START
                                ? control.start(action.getKey())
                                : control.reload(action.getKey())))
                .toList(),
            "record",
            p.record().writeScript(),
            "services",
            StateLines.servicesScript()));
  }

  /**
   * The previous files and record back, and each service as it was: stopped when it was, else
   * reloaded (or started) when the change touched it; after a live change, first the servers it
   * took out of rotation put back as they were.
   *
   * @param statesBefore each server's status before the deploy ({@link LiveChange#undo})
   */
  static String restoreScript(PreparedHost p, String token, Map<String, String> statesBefore) {
    List<String> undo = p.appliedLive() ? p.live().undo(statesBefore) : List.of();
    ServiceControl control = p.facts().control();
    List<Map<String, Object>> services = new ArrayList<>();
    for (Service service : Service.values()) {
      ServiceStatus before = p.facts().services().get(service);
      boolean restart = before.running() && p.actions().get(service) != ServiceAction.NONE;
      if (!before.running() || restart) {
        services.add(
            Map.of(
                "stop", !before.running(),
                "restart", restart,
                "command", control.stop(service),
                "status", control.status(service),
                "reload", control.reload(service),
                "start", control.start(service)));
      }
    }
    return Scripts.render(
        "restore.sh",
        Map.of(
            "token",
            token,
            "activation",
            ACTIVATION,
            "files",
            p.changed().stream()
                .map(
                    (ConfigKind kind) ->
                        Map.of("path", kind.hostPath(), "backup", kind.hostPath() + ".lb-backup"))
                .toList(),
            "shipped",
            p.shipping().isEmpty() ? "" : p.shipping().restoreScript(),
            "kernel",
            p.kernelNeeded() ? p.kernel().restoreScript() : "",
            "record",
            p.facts().deployed().restoreScript(),
            "services",
            services,
            "undoLive",
            undo.isEmpty() ? "" : HaproxyRuntime.script(p.live().socket(), undo)));
  }
}
