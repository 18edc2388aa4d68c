package dev.lbops.model;

import java.util.List;

/**
 * A {@code resolvers} section: the DNS servers HAProxy asks at run time for servers given by name.
 *
 * @param nameservers each {@code nameserver <name> <address>:<port>}
 * @param parseResolvConf also use the host's {@code /etc/resolv.conf}
 * @param resolveRetries or {@code null} for HAProxy's default
 * @param timeouts each {@code timeout resolve|retry <time>}
 * @param holds each {@code hold valid|nx|timeout|refused|other|obsolete <time>}
 * @param acceptedPayloadSize or {@code null}
 */
public record Resolvers(
    String name,
    List<Nameserver> nameservers,
    boolean parseResolvConf,
    Integer resolveRetries,
    List<Timeout> timeouts,
    List<Timeout> holds,
    Integer acceptedPayloadSize,
    Origin origin) {

  public static final Range RESOLVE_RETRIES = new Range(1, 100);
  public static final Range ACCEPTED_PAYLOAD_SIZE = new Range(512, 65535);

  public Resolvers {
    nameservers = List.copyOf(nameservers);
    timeouts = List.copyOf(timeouts);
    holds = List.copyOf(holds);
  }

  /** A {@code nameserver} line. */
  public record Nameserver(String name, String address, int port, Origin origin) {

    public String destination() {
      return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
  }
}
