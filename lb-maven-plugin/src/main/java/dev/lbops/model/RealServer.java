package dev.lbops.model;

import java.util.List;

/**
 * An LVS {@code real_server}; {@code port} defaults to the virtual server's.
 *
 * @param weight or {@code null} to leave it to Keepalived (1)
 * @param checks its health checkers, none when left out
 * @param lines free lines
 */
public record RealServer(
    String ip,
    int port,
    Integer weight,
    List<LvsCheck> checks,
    List<FreeLine> lines,
    Origin origin) {

  public static final Range WEIGHT = new Range(0, 65535);

  public RealServer {
    checks = List.copyOf(checks);
    lines = List.copyOf(lines);
  }
}
