package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Certificate;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Origin;
import dev.lbops.model.Peers;
import dev.lbops.model.Resolvers;
import dev.lbops.model.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules about HAProxy's {@code resolvers}, {@code peers} and the {@code certificates} shipped with
 * the configs: names unique, each {@code resolvers <name>} of a server declared, certificates where
 * the plugin may ship them, and one peers section (name, port) across the hosts that share it.
 */
final class SectionRules {

  /** Where shipped certificates may go. */
  static final List<String> CERTIFICATE_ROOTS = List.of("/etc/haproxy/");

  private static final Pattern RESOLVERS_OPTION = Pattern.compile("(?:^|\\s)resolvers\\s+(\\S+)");

  private SectionRules() {}

  static void check(HostConfig host, List<Problem> problems) {
    resolvers(host, problems);
    certificates(host, problems);
  }

  private static void resolvers(HostConfig host, List<Problem> problems) {
    Set<String> names = new HashSet<>();
    for (Resolvers section : host.haproxy().resolvers()) {
      if (!names.add(section.name())) {
        problems.add(
            error(
                host,
                section.origin(),
                "name",
                "there are two resolvers sections '" + section.name() + "'",
                "give each resolvers section its own name"));
      }
      Set<String> nameservers = new HashSet<>();
      for (Resolvers.Nameserver nameserver : section.nameservers()) {
        if (!nameservers.add(nameserver.name())) {
          problems.add(
              error(
                  host,
                  nameserver.origin(),
                  "name",
                  "there are two nameservers '"
                      + nameserver.name()
                      + "' in '"
                      + section.name()
                      + "'",
                  "give each nameserver its own name"));
        }
      }
    }
    List<Backend> proxies = new ArrayList<>(host.haproxy().backends());
    host.haproxy().listens().forEach(listen -> proxies.add(listen.proxy()));
    for (Backend proxy : proxies) {
      for (Server server : proxy.servers()) {
        Matcher m = RESOLVERS_OPTION.matcher(server.options());
        if (m.find() && !names.contains(m.group(1))) {
          problems.add(
              error(
                  host,
                  server.origin(),
                  "options",
                  "server '"
                      + server.name()
                      + "' of '"
                      + proxy.name()
                      + "' asks resolvers '"
                      + m.group(1)
                      + "', which is not declared",
                  names.isEmpty()
                      ? "declare it under 'resolvers:'"
                      : "use one of " + new TreeSet<>(names)));
        }
      }
    }
  }

  private static void certificates(HostConfig host, List<Problem> problems) {
    Set<String> files = new HashSet<>();
    for (Certificate certificate : host.haproxy().certificates()) {
      for (String field : List.of("file", "ca_file")) {
        String path = field.equals("file") ? certificate.file() : certificate.caFile();
        if (!path.isEmpty()
            && (CERTIFICATE_ROOTS.stream().noneMatch(path::startsWith) || path.contains("/../"))) {
          problems.add(
              error(
                  host,
                  certificate.origin(),
                  field,
                  path + " is not where the plugin ships certificates",
                  "keep certificates below /etc/haproxy/, such as /etc/haproxy/certs/site.pem"));
        }
      }
      if (!files.add(certificate.file())) {
        problems.add(
            error(
                host,
                certificate.origin(),
                "file",
                certificate.file() + " is described twice under certificates",
                "describe each certificate once"));
      }
      if (certificate.file().equals(certificate.caFile())) {
        problems.add(
            error(
                host,
                certificate.origin(),
                "ca_file",
                "the CA file is the certificate itself",
                "name the file of the CA that issued the chain"));
      }
    }
  }

  /**
   * The hosts that share stick tables must agree on the peers section: one name and one port, or
   * HAProxy on one host would not find its peers.
   */
  static void checkPeers(Cluster cluster, List<Problem> problems) {
    for (List<HostConfig> group : Cluster.independentGroups(cluster.hosts())) {
      HostConfig first = group.get(0);
      Peers expected = first.haproxy().peers();
      for (HostConfig host : group.subList(1, group.size())) {
        Peers peers = host.haproxy().peers();
        if (peers.enabled() != expected.enabled()
            || !peers.name().equals(expected.name())
            || peers.port() != expected.port()) {
          problems.add(
              error(
                  host,
                  peers.origin(),
                  "port",
                  "peers here ("
                      + describe(peers)
                      + ") differ from "
                      + first.name()
                      + "'s ("
                      + describe(expected)
                      + "), which shares a VRRP instance with this host: their stick tables"
                      + " would not sync",
                  "write the same peers settings for every host of the pair (in default.yml)"));
        }
      }
    }
  }

  private static String describe(Peers peers) {
    return peers.enabled() ? peers.name() + " on port " + peers.port() : "off";
  }

  private static Problem error(
      HostConfig host, Origin origin, String field, String message, String hint) {
    return Problem.error(origin.of(field), host.name(), origin.key(field), message, hint);
  }
}
