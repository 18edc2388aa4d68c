package dev.lbops.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address arithmetic the deploy needs, for IPv4 and IPv6: whether an address lies in a network. */
final class IpNetworks {

  private IpNetworks() {}

  /**
   * @param network such as {@code 198.18.5.11/24} or {@code 2001:db8:0:5::11/64} (a host address
   *     with its prefix length)
   * @return false also when the two are of different families
   */
  static boolean contains(String network, String address) {
    int slash = network.indexOf('/');
    if (slash < 0 || network.contains(":") != address.contains(":")) {
      return false;
    }
    byte[] net = bytes(network.substring(0, slash));
    byte[] host = bytes(address);
    int prefix = Integer.parseInt(network.substring(slash + 1));
    int bits = net.length * 8;
    BigInteger mask =
        prefix == 0
            ? BigInteger.ZERO
            : BigInteger.ONE
                .shiftLeft(bits)
                .subtract(BigInteger.ONE)
                .shiftRight(bits - prefix)
                .shiftLeft(bits - prefix);
    return new BigInteger(1, net).and(mask).equals(new BigInteger(1, host).and(mask));
  }

  /** Whether {@code network} (address/prefix) is of the address family of {@code address}. */
  static boolean sameFamily(String network, String address) {
    return network.contains(":") == address.contains(":");
  }

  private static byte[] bytes(String literal) {
    try {
      // Literals only: an address with ':' or of digits and dots is parsed, never looked up.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + literal, e);
    }
  }
}
