package dev.lbops.verify;

import dev.lbops.model.HostConfig;
import dev.lbops.model.RuntimeApi;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.ServiceStatus;
import dev.lbops.remote.StateLines;
import dev.lbops.render.ConfigKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one round trip sees on a deployed host: its addresses, the services' states, the checksums
 * of the deployed configs and HAProxy's view of its servers.
 *
 * @param systemd whether systemd runs the host's services
 * @param addresses every address on the host's interfaces, without prefix length
 * @param servers HAProxy's servers as {@code show stat} lists them; empty when not read
 * @param statError why the servers could not be read, or empty
 */
public record HostState(
    String host,
    boolean systemd,
    Set<String> addresses,
    Map<Service, ServiceStatus> services,
    Map<ConfigKind, String> checksums,
    List<ServerState> servers,
    String statError) {

  public HostState {
    addresses = Set.copyOf(addresses);
    services = Map.copyOf(services);
    checksums = Map.copyOf(checksums);
    servers = List.copyOf(servers);
  }

  /** One server of a backend as HAProxy sees it ({@code UP}, {@code DOWN}, {@code MAINT}...). */
  public record ServerState(String backend, String server, String status) {

    public boolean down() {
      return status.startsWith("DOWN") || status.equals("MAINT") || status.startsWith("NOLB");
    }
  }

  public boolean running(Service service) {
    return services.get(service).running();
  }

  public ServiceControl control() {
    return ServiceControl.forHost(systemd ? "systemd" : "direct");
  }

  public boolean holds(String address) {
    return addresses.contains(address);
  }

  /** The line that prints every address of the host's interfaces. */
  static final String ADDRESSES =
      "echo \"addresses=$(ip -o addr show | awk '{print $4}' | cut -d/ -f1 | tr '\\n' ' ')\"\n";

  /** The script that prints a host's state; reads HAProxy's runtime API when one is configured. */
  static String script(HostConfig host) {
    StringBuilder script = new StringBuilder(StateLines.script());
    script.append(ADDRESSES);
    RuntimeApi api = host.haproxy().runtimeApi();
    if (api != null) {
      String socket = api.path();
      script
          .append("if [ ! -S ")
          .append(socket)
          .append(" ]; then echo 'staterror=no runtime API socket at ")
          .append(socket)
          .append("'\n")
          .append(
              "elif command -v socat >/dev/null 2>&1; then echo 'show stat' | socat stdio UNIX-CONNECT:")
          .append(socket)
          .append(" | sed 's/^/stat:/'\n")
          .append("elif command -v python3 >/dev/null 2>&1; then python3 -c '")
          .append("import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); ")
          .append("s.sendall(b\"show stat\\n\"); ")
          .append("print(b\"\".join(iter(lambda: s.recv(65536), b\"\")).decode())' ")
          .append(socket)
          .append(" | sed 's/^/stat:/'\n")
          .append(
              "else echo 'staterror=neither socat nor python3 is on the host to read the runtime API'; fi\n");
    } else {
      script.append("echo 'staterror=no runtime_api is configured'\n");
    }
    return script.toString();
  }

  static HostState parse(String host, String output) {
    Map<String, String> values = StateLines.values(output);
    List<ServerState> servers = new ArrayList<>();
    int statusColumn = -1;
    for (String line : output.lines().toList()) {
      if (line.startsWith("stat:")) {
        List<String> columns = List.of(line.substring("stat:".length()).split(",", -1));
        if (line.startsWith("stat:# ")) {
          statusColumn = columns.indexOf("status");
        } else if (statusColumn > 0 && columns.size() > statusColumn) {
          String name = columns.get(1);
          if (!name.equals("FRONTEND") && !name.equals("BACKEND")) {
            servers.add(new ServerState(columns.get(0), name, columns.get(statusColumn)));
          }
        }
      }
    }
    String addresses = values.getOrDefault("addresses", "").strip();
    return new HostState(
        host,
        StateLines.systemd(values),
        addresses.isEmpty() ? Set.of() : Set.copyOf(List.of(addresses.split("\\s+"))),
        StateLines.services(values),
        StateLines.checksums(StateLines.contents(values)),
        servers,
        values.getOrDefault("staterror", ""));
  }
}
