package dev.lbops.deploy;

import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.Service;
import dev.lbops.render.ConfigKind;
import dev.lbops.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host as prepared: its connection, what it was like, what changes and what then runs.
 *
 * @param changed the configs uploaded beside the live ones and checked there
 * @param kernelNeeded whether its kernel settings are to be applied
 * @param started when its deploy started, for the report's seconds
 * @param record what its activation records on the host (what it was before: {@code
 *     facts().deployed()})
 */
record PreparedHost(
    HostConfig config,
    RemoteHost remote,
    HostFacts facts,
    List<ConfigKind> changed,
    KernelSettings kernel,
    boolean kernelNeeded,
    Map<Service, ServiceAction> actions,
    long started,
    DeployedState record) {

  PreparedHost {
    changed = List.copyOf(changed);
    actions = new LinkedHashMap<>(actions);
  }

  boolean unchanged() {
    return changed.isEmpty()
        && !kernelNeeded
        && !actions.containsValue(ServiceAction.START)
        && !actions.containsValue(ServiceAction.RELOAD);
  }

  HostOutcome outcome(HostOutcome.State state, String message) {
    Map<String, ServiceAction> byUnit = new LinkedHashMap<>();
    actions.forEach((service, action) -> byUnit.put(service.unit(), action));
    List<String> files = new ArrayList<>(changed.stream().map(ConfigKind::hostPath).toList());
    if (kernelNeeded) {
      files.addAll(kernel.files());
    }
    return new HostOutcome(
        config.name(), files, byUnit, state, (System.nanoTime() - started) / 1e9, message);
  }
}
