package dev.lbops.remote;

import dev.lbops.model.HostConfig;
import dev.lbops.model.RuntimeApi;
import dev.lbops.render.ConfigKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one round trip sees on a deployed host: its addresses, the services' states, the checksums
 * of the deployed configs and HAProxy's view of its servers.
 *
 * @param init what runs the host's services
 * @param addresses every address on the host's interfaces, without prefix length
 * @param servers HAProxy's servers as {@code show stat} lists them; empty when not read
 * @param statError why the servers could not be read, or empty
 * @param deployed what the last deploy recorded on the host; {@link DeployedState#NONE} before the
 *     first
 */
public record HostState(
    String host,
    InitSystem init,
    Set<String> addresses,
    Map<Service, ServiceStatus> services,
    Map<ConfigKind, String> checksums,
    List<ServerState> servers,
    String statError,
    DeployedState deployed) {

  public HostState {
    addresses = Set.copyOf(addresses);
    services = Map.copyOf(services);
    checksums = Map.copyOf(checksums);
    servers = List.copyOf(servers);
  }

  /**
   * One server of a backend as HAProxy sees it ({@code UP}, {@code DOWN}, {@code MAINT}...).
   *
   * @param check its last health check's status ({@code L7OK}, {@code L4CON}; {@code INI} before
   *     the first), empty when unknown
   */
  public record ServerState(String backend, String server, String status, String check) {

    private static final Pattern GOING_DOWN = Pattern.compile("(?:UP|DRAIN|NOLB) \\d+/\\d+");

    /** {@code backend/server}, as the runtime API names it. */
    public String id() {
      return backend + "/" + server;
    }

    public ServerState(String backend, String server, String status) {
      this(backend, server, status, "");
    }

    public boolean down() {
      return status.startsWith("DOWN") || status.equals("MAINT") || status.startsWith("NOLB");
    }

    /**
     * Whether a health check is still to decide whether it is up: its first (as right after a
     * reload), or the next, when it counts as just up ({@code UP 1/3}: after a failed check, or a
     * new address given live).
     */
    public boolean awaitingCheck() {
      return check.replace("*", "").strip().startsWith("INI") || justUp();
    }

    /** Whether it counts as just up: down at its next failed check ({@code UP 1/3}). */
    public boolean justUp() {
      return GOING_DOWN.matcher(status).matches();
    }
  }

  /** Each server's status ({@code show stat}'s), by {@code backend/server}. */
  public Map<String, String> serverStatuses() {
    Map<String, String> statuses = new HashMap<>();
    servers.forEach(server -> statuses.put(server.id(), server.status()));
    return statuses;
  }

  /** Whether {@code server} (of another reading) counts as just up in this one. */
  public boolean justUp(ServerState server) {
    return servers.stream().anyMatch(mine -> mine.id().equals(server.id()) && mine.justUp());
  }

  public boolean running(Service service) {
    return services.get(service).running();
  }

  public ServiceControl control() {
    return init.control();
  }

  public boolean holds(String address) {
    return addresses.contains(address);
  }

  /** The configs edited on the host since the last deploy recorded them (none without a record). */
  public List<ConfigKind> editedOnTheHost() {
    return deployed.editedOnTheHost(checksums);
  }

  /** The script that prints every address of the host's interfaces. */
  public static final String ADDRESSES = Scripts.render("addresses.sh", Map.of());

  /** The script that prints a host's state; reads HAProxy's runtime API when one is configured. */
  public static String script(HostConfig host) {
    RuntimeApi api = host.haproxy().runtimeApi();
    return Scripts.render(
        "host-state.sh",
        Map.of(
            "state",
            StateLines.script(),
            "addresses",
            ADDRESSES,
            "api",
            api == null ? false : Map.of("socket", api.path()),
            "python",
            Scripts.text("runtime-api-show.py")));
  }

  public static HostState parse(String host, String output) {
    Map<String, String> values = StateLines.values(output);
    List<ServerState> servers = new ArrayList<>();
    int statusColumn = -1;
    int checkColumn = -1;
    for (String line : output.lines().toList()) {
      if (line.startsWith("stat:")) {
        List<String> columns = List.of(line.substring("stat:".length()).split(",", -1));
        if (line.startsWith("stat:# ")) {
          statusColumn = columns.indexOf("status");
          checkColumn = columns.indexOf("check_status");
        } else if (statusColumn > 0 && columns.size() > statusColumn) {
          String name = columns.get(1);
          if (!name.equals("FRONTEND") && !name.equals("BACKEND")) {
            servers.add(
                new ServerState(
                    columns.get(0),
                    name,
                    columns.get(statusColumn),
                    checkColumn > 0 && columns.size() > checkColumn
                        ? columns.get(checkColumn)
                        : ""));
          }
        }
      }
    }
    String addresses = values.getOrDefault("addresses", "").strip();
    HostServices read = HostServices.parse(values);
    return new HostState(
        host,
        read.init(),
        addresses.isEmpty() ? Set.of() : Set.copyOf(List.of(addresses.split("\\s+"))),
        read.services(),
        read.checksums(),
        servers,
        values.getOrDefault("staterror", ""),
        read.deployed());
  }
}
