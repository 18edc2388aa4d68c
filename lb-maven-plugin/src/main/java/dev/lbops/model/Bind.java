package dev.lbops.model;

/**
 * A {@code bind} line.
 *
 * @param address the address, or {@code *} for all
 * @param options what follows the address, such as {@code ssl crt /etc/haproxy/site.pem}
 */
public record Bind(String address, int port, String options) {

  public String addressAndPort() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  public boolean isTls() {
    return (" " + options + " ").contains(" ssl ");
  }
}
