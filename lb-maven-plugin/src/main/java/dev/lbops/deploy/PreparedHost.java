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
 * @param shipping the files shipped with its configs that change
 * @param live how its HAProxy takes the new config: through the runtime API when HAProxy's action
 *     is {@link ServiceAction#LIVE}
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
    DeployedState record,
    FileShipping shipping,
    LiveChange live) {

  PreparedHost {
    changed = List.copyOf(changed);
    actions = new LinkedHashMap<>(actions);
  }

  boolean appliedLive() {
    return actions.get(Service.HAPROXY) == ServiceAction.LIVE;
  }

  /** This host with HAProxy reloaded instead: its live change could not be applied. */
  PreparedHost reloadInstead(String because) {
    Map<Service, ServiceAction> reload = new LinkedHashMap<>(actions);
    reload.put(Service.HAPROXY, ServiceAction.RELOAD);
    return new PreparedHost(
        config,
        remote,
        facts,
        changed,
        kernel,
        kernelNeeded,
        reload,
        started,
        record,
        shipping,
        LiveChange.reload(because));
  }

  boolean unchanged() {
    return changed.isEmpty()
        && shipping.isEmpty()
        && !kernelNeeded
        && !actions.containsValue(ServiceAction.START)
        && !actions.containsValue(ServiceAction.RELOAD)
        && !actions.containsValue(ServiceAction.LIVE);
  }

  HostOutcome outcome(HostOutcome.State state, String message) {
    Map<String, ServiceAction> byUnit = new LinkedHashMap<>();
    actions.forEach((service, action) -> byUnit.put(service.unit(), action));
    List<String> files = new ArrayList<>(changed.stream().map(ConfigKind::hostPath).toList());
    files.addAll(shipping.reportLines());
    if (kernelNeeded) {
      files.addAll(kernel.files());
    }
    return new HostOutcome(
        config.name(), files, byUnit, state, (System.nanoTime() - started) / 1e9, message);
  }
}
