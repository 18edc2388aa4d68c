package dev.lbops.verify;

import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.PairChecks;
import dev.lbops.remote.Service;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of what the hosts' states show: every host read, its services running, its configs the
 * rendered ones, HAProxy's servers up, and one holder per VRRP instance.
 */
final class StateChecks {

  private StateChecks() {}

  /**
   * @param states each readable host's state
   * @param unreachable why each other host could not be read
   */
  static List<Check> of(
      Cluster cluster,
      List<RenderedFile> files,
      Map<String, HostState> states,
      Map<String, String> unreachable) {
    List<Check> checks = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      HostState state = states.get(host.name());
      if (state == null) {
        checks.add(
            Check.fail(
                "state",
                host.name() + " reachable",
                host.name() + " could not be read: " + unreachable.get(host.name())));
        continue;
      }
      for (Service service : Service.values()) {
        checks.add(serviceCheck(host, state, service));
      }
      for (RenderedFile file : files) {
        if (file.host().equals(host.name())) {
          checks.add(driftCheck(host, state, file));
        }
      }
      checks.add(backendCheck(host, state));
    }
    for (SharedInstance instance : cluster.instances()) {
      checks.add(holderCheck(instance, states));
    }
    return checks;
  }

  private static Check serviceCheck(HostConfig host, HostState state, Service service) {
    String name = host.name() + " " + service.unit() + " running";
    return state.running(service)
        ? Check.pass("state", name, "pid " + state.services().get(service).pid())
        : Check.fail(
            "state",
            name,
            service.unit()
                + " is not running on "
                + host.name()
                + ": start it with lb:deploy (or look at its log on the host)");
  }

  private static Check driftCheck(HostConfig host, HostState state, RenderedFile file) {
    String deployed = state.checksums().get(file.kind());
    String path = file.kind().hostPath();
    return file.bodySha256().equals(deployed)
        ? Check.pass("drift", host.name() + " " + path, "as rendered")
        : Check.fail(
            "drift",
            host.name() + " " + path,
            (deployed.isEmpty()
                    ? path + " is missing on " + host.name()
                    : path + " on " + host.name() + " differs from the rendered one")
                + ": lb:diff shows how, lb:deploy converges it");
  }

  private static Check backendCheck(HostConfig host, HostState state) {
    String name = host.name() + " backend servers up";
    if (host.haproxy().runtimeApi() == null) {
      return Check.pass(
          "backends", name, "not read: no runtime_api is configured for HAProxy's socket");
    }
    if (!state.statError().isEmpty()) {
      return Check.fail(
          "backends", name, "HAProxy's servers could not be read: " + state.statError());
    }
    List<String> down =
        state.servers().stream()
            .filter(HostState.ServerState::down)
            .map(server -> server.id() + " " + server.status())
            .toList();
    return down.isEmpty()
        ? Check.pass("backends", name, state.servers().size() + " servers up")
        : Check.fail("backends", name, "down on " + host.name() + ": " + String.join(", ", down));
  }

  private static Check holderCheck(SharedInstance instance, Map<String, HostState> states) {
    String name = "VRRP instance " + instance.name() + " has one holder";
    List<String> vips = instance.vips();
    PairChecks.Holders holders = PairChecks.holders(instance, states);
    if (holders.exactlyOne()) {
      return Check.pass("state", name, holders.all().get(0) + " holds " + vips);
    }
    return Check.fail(
        "state",
        name,
        holders.problem(vips)
            + " (check that the hosts see each other's VRRP adverts: same interface and network,"
            + " virtual_router_id and authentication)");
  }
}
