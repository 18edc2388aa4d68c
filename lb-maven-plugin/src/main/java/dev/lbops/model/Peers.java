package dev.lbops.model;

/**
 * HAProxy's {@code peers} section that keeps the stick tables of the load balancers sharing a VRRP
 * instance the same: every stick table a backend declares is attached to it.
 *
 * @param enabled whether the section is rendered (when a backend declares a stick table)
 * @param name the section's name
 * @param address where this host's peer listens and the others connect to it: its inventory address
 *     unless the CMDB names another
 * @param port the port every peer listens on
 */
public record Peers(boolean enabled, String name, String address, int port, Origin origin) {

  public static final String DEFAULT_NAME = "lb_peers";
  public static final int DEFAULT_PORT = 10000;
  public static final Range PORT = new Range(1, 65535);
}
