package dev.lbops.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code server} line of a backend, as a live change reads it: its name, its literal address
 * and port, its weight and whether it is {@code disabled}, and the rest of its options as written.
 *
 * @param ip a literal IPv4 or IPv6 address (without brackets)
 * @param weight its {@code weight}, 1 when not written (HAProxy's default)
 * @param others its options but {@code weight} and {@code disabled}, in their order
 */
record ServerLine(
    String name, String ip, int port, int weight, boolean disabled, List<String> others) {

  /**
   * The options HAProxy 2.6's runtime {@code add server} was seen to accept (on Debian's 2.6.12),
   * with how many arguments each takes. A server with any other cannot be added live.
   */
  private static final Map<String, Integer> ADDABLE =
      Map.ofEntries(
          Map.entry("check", 0),
          Map.entry("backup", 0),
          Map.entry("send-proxy", 0),
          Map.entry("send-proxy-v2", 0),
          Map.entry("inter", 1),
          Map.entry("fastinter", 1),
          Map.entry("downinter", 1),
          Map.entry("rise", 1),
          Map.entry("fall", 1),
          Map.entry("port", 1),
          Map.entry("maxconn", 1),
          Map.entry("minconn", 1),
          Map.entry("maxqueue", 1),
          Map.entry("slowstart", 1),
          Map.entry("observe", 1),
          Map.entry("error-limit", 1),
          Map.entry("on-error", 1));

  private static final Pattern IPV4_PORT =
      Pattern.compile("((?:\\d{1,3}\\.){3}\\d{1,3}):(\\d{1,5})");
  private static final Pattern IPV6_PORT = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d{1,5})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

  ServerLine {
    others = List.copyOf(others);
  }

  /**
   * The server of a {@code server <name> <address> [options]} line (indentation stripped), or empty
   * when a live change cannot handle it: a name the runtime API would misread, an address that is
   * not a literal IP with a port, a weight that is not a plain number, or {@code enabled}.
   */
  static Optional<ServerLine> parse(String line) {
    List<String> words = List.of(line.strip().split("\\s+"));
    if (words.size() < 3
        || !words.get(0).equals("server")
        || !NAME.matcher(words.get(1)).matches()) {
      return Optional.empty();
    }
    Matcher v4 = IPV4_PORT.matcher(words.get(2));
    Matcher v6 = IPV6_PORT.matcher(words.get(2));
    Matcher address = v4.matches() ? v4 : v6.matches() ? v6 : null;
    if (address == null) {
      return Optional.empty();
    }
    int weight = 1;
    boolean disabled = false;
    List<String> others = new ArrayList<>();
    for (int i = 3; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("weight") && i + 1 < words.size()) {
        if (!NUMBER.matcher(words.get(i + 1)).matches()) {
          return Optional.empty();
        }
        weight = Integer.parseInt(words.get(++i));
      } else if (word.equals("disabled")) {
        disabled = true;
      } else if (word.equals("enabled")) {
        return Optional.empty();
      } else {
        others.add(word);
      }
    }
    return Optional.of(
        new ServerLine(
            words.get(1),
            address.group(1),
            Integer.parseInt(address.group(2)),
            weight,
            disabled,
            others));
  }

  /** Whether the two differ in nothing but address, port, weight and state. */
  boolean sameOptions(ServerLine other) {
    return others.equals(other.others);
  }

  boolean checked() {
    return others.contains("check");
  }

  /** Whether the runtime API's {@code add server} takes every option of it. */
  boolean addable() {
    for (int i = 0; i < others.size(); i++) {
      Integer arguments = ADDABLE.get(others.get(i));
      if (arguments == null) {
        return false;
      }
      i += arguments;
    }
    return true;
  }

  /** {@code <ip>:<port>} as {@code add server} takes it, an IPv6 address in brackets. */
  String address() {
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }

  /** Its options for {@code add server}: the weight (when not 1), then the others. */
  String addOptions() {
    List<String> options = new ArrayList<>();
    if (weight != 1) {
      options.add("weight " + weight);
    }
    options.addAll(others);
    return String.join(" ", options);
  }
}
