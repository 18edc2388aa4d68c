package dev.lbops.deploy;

import static dev.lbops.remote.HostStepException.lastLines;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.Secret;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.HostServices;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Activates prepared hosts and, on a failure, restores them. Hosts that share no VRRP instance,
 * directly or through others, are independent: each such group is activated on a thread of its own,
 * one host at a time in pair order: backup, atomic rename, reload (or start), health. After a
 * failure no group starts another host; the failed host is restored, and so are the hosts changed
 * in this run (unless {@code lb.rollback=false}).
 */
final class Activation {

  private final LbLog log;

  Activation(LbLog log) {
    this.log = log;
  }

  /**
   * Activates every changed host of {@code targets}.
   *
   * @throws DeployException when a host fails; its report says how each host was left
   */
  DeployReport run(
      List<HostConfig> targets, Map<String, PreparedHost> prepared, DeployOptions options) {
    List<PreparedHost> done = Collections.synchronizedList(new ArrayList<>());
    Map<String, HostOutcome> outcomes = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    List<List<HostConfig>> groups = PairOrder.sideBySide(targets);
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
            log.info(
                "["
                    + host.name()
                    + "] activating ("
                    + (PairOrder.isMaster(host) ? "master" : "backup")
                    + "): backups kept, files renamed into place, "
                    + p.actions());
            String failure;
            try {
              failure = activate(p);
            } catch (SshException e) {
              failure = "activation failed: " + Secret.redact(e.getMessage(), p.config().secrets());
            }
            if (failure == null) {
              done.add(p);
              log.info("[" + host.name() + "] healthy: haproxy and keepalived running");
              outcomes.put(host.name(), p.outcome(HostOutcome.State.CHANGED, ""));
              continue;
            }
            String restored = restore(p);
            failures.put(host.name(), failure + "; " + restored);
            outcomes.put(
                host.name(), p.outcome(HostOutcome.State.FAILED, failure + "; " + restored));
            return group;
          }
          return group;
        });
    if (failures.isEmpty()) {
      return new DeployReport(true, inOrder(targets, outcomes), List.of());
    }
    List<String> failed =
        targets.stream().map(HostConfig::name).filter(failures::containsKey).toList();
    List<String> rolledBack = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0 && options.rollback(); i--) {
      PreparedHost earlier = done.get(i);
      outcomes.put(
          earlier.config().name(),
          earlier.outcome(HostOutcome.State.ROLLED_BACK, restore(earlier)));
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
        String.join("; ", failed.stream().map(name -> name + ": " + failures.get(name)).toList())
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

  private static List<HostOutcome> inOrder(
      List<HostConfig> targets, Map<String, HostOutcome> outcomes) {
    return targets.stream().map(host -> outcomes.get(host.name())).toList();
  }

  /** Backup, atomic rename, reload or start, then health; null when the host is healthy. */
  private static String activate(PreparedHost p) {
    String script = activateScript(p);
    CommandResult result = p.remote().script(script);
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

  /** Puts the previous files back and returns the services to how they were. */
  private static String restore(PreparedHost p) {
    String script = restoreScript(p);
    try {
      CommandResult result = p.remote().script(script);
      return result.ok()
          ? "restored its previous configuration"
          : "RESTORING FAILED, the host needs attention: "
              + lastLines(Secret.redact(result.stderr(), p.config().secrets()));
    } catch (SshException e) {
      return "RESTORING FAILED, the host needs attention: "
          + Secret.redact(e.getMessage(), p.config().secrets());
    }
  }

  /**
   * Backup, atomic rename, kernel settings, reload or start, the record of what the host got; then
   * the services' states, in the same round trip.
   */
  static String activateScript(PreparedHost p) {
    ServiceControl control = p.facts().control();
    return Scripts.render(
        "activate.sh",
        Map.of(
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
                .filter(action -> action.getValue() != ServiceAction.NONE)
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
   * reloaded (or started) when the change touched it.
   */
  static String restoreScript(PreparedHost p) {
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
            services));
  }
}
