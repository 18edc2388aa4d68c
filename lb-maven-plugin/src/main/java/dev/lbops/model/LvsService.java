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

  public LvsService {
    realServers = List.copyOf(realServers);
  }
}
