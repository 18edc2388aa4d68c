package dev.lbops.model;

import java.util.List;

/**
 * An LVS {@code virtual_server} on an address; each optional value {@code null} or empty when it is
 * left to Keepalived.
 *
 * @param delayLoop seconds, or {@code null}
 * @param lbAlgo the scheduler, or empty
 * @param lbKind the forwarding method, or empty
 * @param persistenceTimeout seconds, or {@code null}
 * @param protocol or empty
 * @param sorryServer {@code ADDRESS PORT} of the server used when no real server is up, or empty
 * @param lines free lines
 */
public record LvsService(
    int port,
    Integer delayLoop,
    String lbAlgo,
    String lbKind,
    Integer persistenceTimeout,
    String protocol,
    String sorryServer,
    List<RealServer> realServers,
    List<FreeLine> lines,
    Origin origin) {

  public static final Range PORT = new Range(1, 65535);

  /** Seconds. */
  public static final Range DELAY_LOOP = new Range(1, 86400);

  /** Seconds. */
  public static final Range PERSISTENCE_TIMEOUT = new Range(1, 2_000_000);

  public LvsService {
    realServers = List.copyOf(realServers);
    lines = List.copyOf(lines);
  }
}
