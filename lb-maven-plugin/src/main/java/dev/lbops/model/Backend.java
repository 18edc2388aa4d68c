package dev.lbops.model;

import java.util.List;

/**
 * A {@code backend} section (and the proxy half of a {@code listen} section).
 *
 * @param balance the algorithm, or empty for HAProxy's default
 * @param sendClientIp connect to the servers from the client's address (TPROXY)
 * @param mode {@code http}, {@code tcp}, or empty
 * @param httpLines the lines listed under {@code http}, written as is in mode http
 * @param tcpLines the lines listed under {@code tcp}, written as is in mode tcp
 */
public record Backend(
    String name,
    String balance,
    boolean sendClientIp,
    String mode,
    List<String> httpLines,
    List<String> tcpLines,
    List<Server> servers,
    Origin origin) {

  /** The keys that list lines for one mode, each named like its mode. */
  public static final List<String> MODE_KEYS = List.of("http", "tcp");

  public Backend {
    httpLines = List.copyOf(httpLines);
    tcpLines = List.copyOf(tcpLines);
    servers = List.copyOf(servers);
  }

  /** The lines listed under {@code key}, one of {@link #MODE_KEYS}. */
  public List<String> linesUnder(String key) {
    return switch (key) {
      case "http" -> httpLines;
      case "tcp" -> tcpLines;
      default -> List.of();
    };
  }

  /** The lines of this proxy's mode, the only ones written. */
  public List<String> modeLines() {
    return linesUnder(mode);
  }
}
