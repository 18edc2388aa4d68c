package dev.lbops.binding;

import dev.lbops.core.Addresses;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.model.Certificate;
import dev.lbops.model.Origin;
import dev.lbops.model.Peers;
import dev.lbops.model.Resolvers;
import dev.lbops.model.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HAProxy sections that connect a host to others and to files: {@code peers}, {@code
 * resolvers} and the {@code certificates} shipped with the configs.
 */
final class HaproxySectionsBinder {

  private static final Pattern DESTINATION =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[0-9.]+)(?::(\\d{1,5}))?");
  private static final List<String> RESOLVER_TIMEOUTS = List.of("resolve", "retry");
  private static final List<String> HOLDS =
      List.of("nx", "other", "refused", "timeout", "valid", "obsolete");

  private final SettingsServers servers;

  HaproxySectionsBinder(SettingsServers servers) {
    this.servers = servers;
  }

  /** The {@code peers} mapping; enabled with defaults when absent. */
  static Peers peers(Fields top) {
    Fields f = top.mapping("peers");
    if (f == null) {
      return new Peers(
          true,
          Peers.DEFAULT_NAME,
          "",
          Peers.DEFAULT_PORT,
          new Origin("peers", top.origin().location(), Map.of()));
    }
    Peers peers =
        new Peers(
            f.bool("enabled", true),
            f.text("name", Peers.DEFAULT_NAME, Format.NAME),
            f.text("address", "", Format.HOST),
            f.integer("port", Peers.DEFAULT_PORT, Peers.PORT),
            f.origin());
    f.rejectUnknownKeys();
    return peers;
  }

  /** The {@code resolvers} list. */
  static List<Resolvers> resolvers(Fields top) {
    return top.list("resolvers", HaproxySectionsBinder::resolversSection);
  }

  private static Resolvers resolversSection(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Resolvers.Nameserver> nameservers =
        f.list("nameservers", HaproxySectionsBinder::nameserver);
    boolean parseResolvConf = f.bool("parse_resolv_conf", false);
    if (!f.has("nameservers") && !parseResolvConf) {
      f.error(
          "nameservers",
          "a resolvers section needs a DNS server to ask",
          "add 'nameservers: [{name: dns1, address: 198.18.0.53:53}]' or"
              + " 'parse_resolv_conf: true'");
    }
    Integer retries = f.integer("resolve_retries", null, Resolvers.RESOLVE_RETRIES);
    List<Timeout> timeouts = times(f, "timeouts", RESOLVER_TIMEOUTS);
    List<Timeout> holds = times(f, "hold", HOLDS);
    Integer payload = f.integer("accepted_payload_size", null, Resolvers.ACCEPTED_PAYLOAD_SIZE);
    if (!f.complete()) {
      return null;
    }
    return new Resolvers(
        name, nameservers, parseResolvConf, retries, timeouts, holds, payload, f.origin());
  }

  private static List<Timeout> times(Fields parent, String key, List<String> names) {
    Fields f = parent.mapping(key);
    if (f == null) {
      return List.of();
    }
    List<Timeout> times = new ArrayList<>();
    for (String name : names) {
      String value = f.text(name, null, Format.TIME);
      if (value != null) {
        times.add(new Timeout(name, value));
      }
    }
    f.rejectUnknownKeys();
    return times;
  }

  private static Resolvers.Nameserver nameserver(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String address = f.requiredText("address", Format.HAPROXY_LINE);
    if (address == null) {
      return null;
    }
    Matcher m = DESTINATION.matcher(address.strip());
    String ip = m.matches() ? m.group(1).replace("[", "").replace("]", "") : "";
    int port = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 53;
    if (!m.matches() || !Addresses.isIp(ip) || port < 1 || port > 65535) {
      f.error(
          "address",
          "'" + address + "' is not an IP address with an optional port",
          "write e.g. 198.18.0.53:53 or [2001:db8::53]:53");
      return null;
    }
    return f.complete() ? new Resolvers.Nameserver(name, ip, port, f.origin()) : null;
  }

  /** The {@code certificates} list: each key server is looked up in settings.xml. */
  List<Certificate> certificates(Fields top) {
    return top.list("certificates", this::certificate);
  }

  private Certificate certificate(Fields f) {
    String file = f.requiredText("file", Format.ABSOLUTE_PATH);
    String keyServerId = f.text("key_server_id", "", Format.SERVER_ID);
    String caFile = f.text("ca_file", "", Format.ABSOLUTE_PATH);
    String keyFile = "";
    Secret passphrase = null;
    if (!keyServerId.isEmpty()) {
      Optional<ServerCredentials> server =
          servers.server(f, "key_server_id", keyServerId, "the private key of " + file);
      if (server.isEmpty()) {
        return null;
      }
      if (server.get().privateKey().isEmpty()) {
        f.error(
            "key_server_id",
            "settings.xml server '" + keyServerId + "' names no private key for " + file,
            "give that server a <privateKey> with the path of the key's PEM file (and a"
                + " <passphrase> when the key is encrypted)");
        return null;
      }
      keyFile = server.get().privateKey();
      passphrase = server.get().passphrase();
    }
    return f.complete()
        ? new Certificate(file, keyServerId, keyFile, passphrase, caFile, f.origin())
        : null;
  }
}
