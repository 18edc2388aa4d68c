package dev.lbops.model;

/**
 * A {@code server <name> <address>[:<port>] <options>} line.
 *
 * @param port the port, or 0 for none: the connection keeps the port the client asked for
 */
public record Server(String name, String address, int port, String options, Origin origin) {

  public String destination() {
    String host = address.contains(":") ? "[" + address + "]" : address;
    return port == 0 ? host : host + ":" + port;
  }
}
