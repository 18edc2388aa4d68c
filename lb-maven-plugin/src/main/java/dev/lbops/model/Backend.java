package dev.lbops.model;

import java.util.List;

/**
 * A {@code backend} section (and the proxy half of a {@code listen} section).
 *
 * @param balance the algorithm, or empty for HAProxy's default
 * @param sendClientIp connect to the servers from the client's address (TPROXY)
 * @param mode {@code http}, {@code tcp}, or empty
 * @param modeLines the lines listed under the key named like the mode, written as is
 */
public record Backend(
    String name,
    String balance,
    boolean sendClientIp,
    String mode,
    List<String> modeLines,
    List<Server> servers,
    Origin origin) {

  public Backend {
    modeLines = List.copyOf(modeLines);
    servers = List.copyOf(servers);
  }
}
