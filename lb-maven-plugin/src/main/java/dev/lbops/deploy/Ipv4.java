package dev.lbops.deploy;

/** IPv4 arithmetic the deploy needs: whether an address lies in a network. */
final class Ipv4 {

  private Ipv4() {}

  /**
   * @param network such as {@code 198.18.5.11/24} (a host address with its prefix length)
   */
  static boolean contains(String network, String address) {
    int slash = network.indexOf('/');
    if (slash < 0) {
      return false;
    }
    int prefix = Integer.parseInt(network.substring(slash + 1));
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    return (toLong(network.substring(0, slash)) & mask) == (toLong(address) & mask);
  }

  private static long toLong(String address) {
    long value = 0;
    for (String part : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(part);
    }
    return value;
  }
}
