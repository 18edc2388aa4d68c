package dev.lbops.model;

/**
 * A {@code bind} line.
 *
 * @param address the address, or {@code *} for all
 * @param options what follows the address, such as {@code ssl crt /etc/haproxy/site.pem}
 * @param written the line as written in the CMDB, for messages
 */
public record Bind(String address, int port, String options, String written) {

  public String addressAndPort() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  public boolean isTls() {
    return (" " + options + " ").contains(" ssl ");
  }
}
