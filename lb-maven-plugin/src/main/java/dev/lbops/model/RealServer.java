package dev.lbops.model;

/** An LVS {@code real_server}; {@code port} defaults to the virtual server's. */
public record RealServer(String ip, int port, int weight, Origin origin) {

  public static final Range WEIGHT = new Range(0, 65535);
}
