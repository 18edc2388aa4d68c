package dev.lbops.model;

/** A {@code server <name> <address>:<port> <options>} line. */
public record Server(String name, String address, int port, String options, Origin origin) {

  public String destination() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
