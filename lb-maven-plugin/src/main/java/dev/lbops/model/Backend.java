package dev.lbops.model;

import java.util.List;

/**
 * A {@code backend} section (and the proxy half of a {@code listen} section).
 *
 * @param balance the algorithm, or empty for HAProxy's default
 * @param sendClientIp connect to the servers from the client's address (TPROXY)
 * @param mode {@code http}, {@code tcp}, or empty for the mode of {@code defaults}
 * @param httpLines the free lines listed under {@code http}, written when the mode is http
 * @param tcpLines the free lines listed under {@code tcp}, written when the mode is tcp
 * @param settings lines of its dedicated keys ({@code option}, {@code timeout}...), in order
 * @param acls its {@code acl} lines
 * @param lines free lines of any mode
 * @param rules rule lines ({@code http-request}, {@code http-check}...), after the free lines
 */
public record Backend(
    String name,
    String balance,
    boolean sendClientIp,
    String mode,
    List<FreeLine> httpLines,
    List<FreeLine> tcpLines,
    List<Server> servers,
    List<Directive> settings,
    List<Acl> acls,
    List<FreeLine> lines,
    List<Directive> rules,
    Origin origin) {

  /** The keys that list lines for one mode, each named like its mode. */
  public static final List<String> MODE_KEYS = List.of("http", "tcp");

  public Backend {
    httpLines = List.copyOf(httpLines);
    tcpLines = List.copyOf(tcpLines);
    servers = List.copyOf(servers);
    settings = List.copyOf(settings);
    acls = List.copyOf(acls);
    lines = List.copyOf(lines);
    rules = List.copyOf(rules);
  }

  /** The lines listed under {@code key}, one of {@link #MODE_KEYS}. */
  public List<FreeLine> linesUnder(String key) {
    return switch (key) {
      case "http" -> httpLines;
      case "tcp" -> tcpLines;
      default -> List.of();
    };
  }

  /** Whether it connects to its servers from the client's address (TPROXY). */
  public boolean sendsClientIp() {
    return sendClientIp
        || settings.stream()
            .anyMatch(d -> d.keyword().equals("source") && d.value().contains(" usesrc "));
  }

  /** The proxy's mode: its own, else {@code defaultMode} (that of the defaults section). */
  public String effectiveMode(String defaultMode) {
    return mode.isEmpty() ? defaultMode : mode;
  }
}
