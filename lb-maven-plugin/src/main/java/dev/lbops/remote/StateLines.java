package dev.lbops.remote;

import dev.lbops.render.ConfigKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What both a deploy and a verify read of a host, as {@code key=value} lines of one script: the
 * init system, each service's state, each config's content, the last deploy's record and a drill's
 * marker; {@link HostServices#parse} reads them.
 */
public final class StateLines {

  private StateLines() {}

  /** The init system's and the services' lines. */
  public static String servicesScript() {
    return Scripts.render(
        "services.sh",
        Map.of(
            "detect",
            InitSystem.DETECT,
            "services",
            Arrays.stream(Service.values())
                .map(
                    service ->
                        Map.of(
                            "name", service.name(),
                            "systemd", new SystemdServiceControl().status(service),
                            "direct", new DirectServiceControl().status(service)))
                .toList()));
  }

  /**
   * The services' lines, a line with each config's content (none for a missing file), one with the
   * last deploy's record ({@link DeployedState}, none before the first) and, when a drill's marker
   * is on the host, its lines ({@link DrillMarker#found}).
   */
  public static String script() {
    return Scripts.render(
        "state.sh",
        Map.of(
            "services",
            servicesScript(),
            "configs",
            Arrays.stream(ConfigKind.values())
                .map(kind -> Map.of("path", kind.hostPath(), "kind", kind.name()))
                .toList(),
            "marker",
            DrillMarker.PATH,
            "lock",
            HostLock.PATH,
            "legacyLease",
            String.valueOf(HostLock.DEFAULT_LEASE.toSeconds()),
            "deployedState",
            DeployedState.PATH));
  }

  /** Every {@code key=value} line of a script's output; the first of a key counts. */
  public static Map<String, String> values(String output) {
    Map<String, String> values = new HashMap<>();
    output
        .lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                values.putIfAbsent(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return values;
  }
}
