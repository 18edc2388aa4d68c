package dev.lbops.model;

import java.util.List;

/**
 * An LVS {@code virtual_server} on a VIP.
 *
 * @param persistenceTimeout seconds, or {@code null}
 */
public record LvsService(
    int port,
    int delayLoop,
    String lbAlgo,
    String lbKind,
    Integer persistenceTimeout,
    String protocol,
    List<RealServer> realServers) {

  public static final Range PORT = new Range(1, 65535);

  /** Seconds. */
  public static final Range DELAY_LOOP = new Range(1, 86400);

  /** Seconds. */
  public static final Range PERSISTENCE_TIMEOUT = new Range(1, 2_000_000);

  public LvsService {
    realServers = List.copyOf(realServers);
  }
}
