package dev.lbops.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HAProxy's servers as its runtime API's {@code show stat} lists them (frontends and backends left
 * out), each with what lb:drain, lb:ready and a live change look at.
 */
public record ServerStats(List<ServerStats.Server> servers) {

  public ServerStats {
    servers = List.copyOf(servers);
  }

  /**
   * One server of one backend.
   *
   * @param status {@code UP}, {@code DOWN}, {@code DRAIN}, {@code MAINT}, {@code no check}, or a
   *     transition such as {@code UP 1/3}
   * @param sessions its current sessions ({@code scur})
   * @param queued the requests queued for it ({@code qcur})
   * @param address {@code <ip>:<port>} as HAProxy uses it, or empty when not shown
   * @param lastCheck what its last health check said ({@code check_status} and {@code last_chk})
   */
  public record Server(
      String backend,
      String server,
      String status,
      int sessions,
      int queued,
      int weight,
      String address,
      String lastCheck) {

    /** {@code backend/server}, as the runtime API names it. */
    public String id() {
      return backend + "/" + server;
    }

    /** Its address without the port, or empty. */
    public String ip() {
      int colon = address.lastIndexOf(':');
      String ip = colon < 0 ? address : address.substring(0, colon);
      return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }

    /** Whether HAProxy's health checks see it up (or it has none and is in rotation). */
    public boolean up() {
      return status.equals("UP") || status.equals("no check");
    }

    /**
     * Whether {@code selector} names it: its name, {@code backend/server}, its address, or its
     * address and port.
     */
    public boolean matches(String selector) {
      return server.equals(selector)
          || id().equals(selector)
          || (!address.isEmpty() && (address.equals(selector) || ip().equals(selector)));
    }
  }

  /** The server of that backend, if HAProxy has it. */
  public Optional<Server> find(String backend, String server) {
    return servers.stream()
        .filter(s -> s.backend().equals(backend) && s.server().equals(server))
        .findFirst();
  }

  /** The servers {@code selector} names, in every backend. */
  public List<Server> matching(String selector) {
    return servers.stream().filter(server -> server.matches(selector)).toList();
  }

  /** The servers of {@code show stat}'s CSV, its columns found by the names of its header. */
  public static ServerStats parse(String csv) {
    List<String> header = List.of();
    List<Server> servers = new ArrayList<>();
    for (String line : csv.lines().toList()) {
      if (line.startsWith("# ")) {
        header = List.of(line.substring(2).split(",", -1));
        continue;
      }
      if (header.isEmpty() || line.isBlank()) {
        continue;
      }
      List<String> row = List.of(line.split(",", -1));
      String name = column(header, row, "svname");
      if (name.isEmpty() || name.equals("FRONTEND") || name.equals("BACKEND")) {
        continue;
      }
      String check = column(header, row, "check_status");
      String detail = column(header, row, "last_chk");
      servers.add(
          new Server(
              column(header, row, "pxname"),
              name,
              column(header, row, "status"),
              number(column(header, row, "scur")),
              number(column(header, row, "qcur")),
              number(column(header, row, "weight")),
              column(header, row, "addr"),
              detail.isEmpty() ? check : check + " " + detail));
    }
    return new ServerStats(servers);
  }

  private static String column(List<String> header, List<String> row, String name) {
    int index = header.indexOf(name);
    return index >= 0 && index < row.size() ? row.get(index).strip() : "";
  }

  private static int number(String value) {
    try {
      return value.isEmpty() ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
