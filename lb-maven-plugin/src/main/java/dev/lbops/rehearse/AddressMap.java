package dev.lbops.rehearse;

import dev.lbops.core.Addresses;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabHost;
import dev.lbops.lab.Role;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Server;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a project's cluster is moved into a lab: each host to a lab load balancer of the same name,
 * each VIP to a free lab address, each server to a stub backend, each unicast address to its host's
 * lab address and each interface to the lab's {@code eth0}. Applied to the CMDB's text, so that
 * everything else (lookup, merge, templates) stays exactly the project's.
 *
 * @param addresses original address to lab address
 * @param interfaces original interface name to lab interface name
 * @param rows the mapping as a table for people: what, original, lab
 */
public record AddressMap(
    Map<String, String> addresses, Map<String, String> interfaces, List<List<String>> rows) {

  public static final String LAB_INTERFACE = "eth0";

  public AddressMap {
    addresses = Map.copyOf(addresses);
    interfaces = Map.copyOf(interfaces);
    rows = List.copyOf(rows);
  }

  /** What a cluster needs from a lab: its hosts (by name) and its servers' distinct addresses. */
  public record Needs(List<String> hosts, List<String> vips, List<String> servers) {}

  /**
   * @throws ProblemsException when an address the lab must stand in for is a name, not an address
   */
  public static Needs needs(Cluster cluster) {
    List<Problem> problems = new ArrayList<>();
    Set<String> vips = new LinkedHashSet<>();
    Set<String> servers = new LinkedHashSet<>();
    for (HostConfig host : cluster.hosts()) {
      host.keepalived().instances().stream()
          .flatMap(instance -> instance.virtualIps().stream())
          .forEach(
              vip -> {
                vips.add(vip.ip());
                if (vip.lvs() != null) {
                  vip.lvs().realServers().forEach(real -> servers.add(real.ip()));
                }
              });
      Stream.concat(
              host.haproxy().backends().stream().flatMap(backend -> backend.servers().stream()),
              host.haproxy().listens().stream()
                  .flatMap(listen -> listen.proxy().servers().stream()))
          .forEach(
              server -> {
                if (Addresses.isIp(server.address())) {
                  servers.add(server.address());
                } else {
                  problems.add(
                      Problem.error(
                          server.origin().location(),
                          host.name(),
                          "server " + server.name(),
                          "the server '"
                              + server.address()
                              + "' is a name: a rehearsal maps addresses only",
                          "write the server's address"));
                }
              });
    }
    if (servers.size() > 99) {
      problems.add(
          Problem.error(
              Location.UNKNOWN,
              "",
              "servers",
              servers.size() + " distinct servers: a lab has at most 99 backends",
              "rehearse a smaller part of the cluster"));
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException("The cluster cannot be rehearsed as it is", problems);
    }
    return new Needs(
        cluster.hosts().stream().map(HostConfig::name).toList(),
        List.copyOf(vips),
        List.copyOf(servers));
  }

  /** The map onto a lab brought up for {@link #needs}. */
  public static AddressMap onto(Cluster cluster, Needs needs, Lab lab) {
    Map<String, String> addresses = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      String address = lab.host(host.name()).address();
      rows.add(List.of("host " + host.name(), host.host().address(), address));
      if (Addresses.isIp(host.host().address())) {
        addresses.put(host.host().address(), address);
      }
      // A host's unicast source address is its own.
      host.keepalived().instances().stream()
          .map(VrrpInstance::unicastSrcIp)
          .filter(ip -> !ip.isEmpty())
          .forEach(ip -> addresses.put(ip, address));
    }
    for (int i = 0; i < needs.vips().size(); i++) {
      String vip = needs.vips().get(i);
      addresses.put(vip, lab.virtualIp(i));
      rows.add(List.of("VIP", vip, lab.virtualIp(i)));
    }
    List<LabHost> backends = lab.hosts(Role.BACKEND);
    for (int i = 0; i < needs.servers().size(); i++) {
      String server = needs.servers().get(i);
      addresses.put(server, backends.get(i).address());
      rows.add(
          List.of(
              "server " + serverNames(cluster, server),
              server,
              backends.get(i).address() + " (" + backends.get(i).name() + ")"));
    }
    List<Problem> problems = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      for (VrrpInstance instance : host.keepalived().instances()) {
        for (String peer : instance.unicastPeers()) {
          if (!addresses.containsKey(peer)) {
            problems.add(
                Problem.error(
                    instance.origin().location(),
                    host.name(),
                    "unicast_peers",
                    "the unicast peer " + peer + " is not the unicast_src_ip of any host",
                    "give every host's instance its unicast_src_ip, so that peers can be mapped"));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException("The cluster cannot be rehearsed as it is", problems);
    }
    Map<String, String> interfaces = new LinkedHashMap<>();
    cluster.hosts().stream()
        .flatMap(host -> host.keepalived().instances().stream())
        .map(VrrpInstance::interfaceName)
        .distinct()
        .forEach(
            name -> {
              interfaces.put(name, LAB_INTERFACE);
              rows.add(List.of("interface", name, LAB_INTERFACE));
            });
    return new AddressMap(addresses, interfaces, rows);
  }

  private static String serverNames(Cluster cluster, String address) {
    return cluster.hosts().stream()
        .flatMap(
            host ->
                Stream.concat(
                    host.haproxy().backends().stream().flatMap(b -> b.servers().stream()),
                    host.haproxy().listens().stream().flatMap(l -> l.proxy().servers().stream())))
        .filter(server -> server.address().equals(address))
        .map(Server::name)
        .distinct()
        .collect(Collectors.joining(","));
  }

  /** The mapping as aligned lines for the build log. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-24s %-22s %s", "", "project", "lab"));
    rows.forEach(
        row -> lines.add(String.format("%-24s %-22s %s", row.get(0), row.get(1), row.get(2))));
    return lines;
  }

  /** Replaces every mapped address and interface name in a text (a CMDB file). */
  public String apply(String text) {
    Map<String, String> all = new LinkedHashMap<>(addresses);
    all.putAll(interfaces);
    if (all.isEmpty()) {
      return text;
    }
    Pattern pattern =
        Pattern.compile(
            "(?<![\\w.:-])("
                + all.keySet().stream()
                    .sorted((a, b) -> b.length() - a.length())
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|"))
                + ")(?![\\w-]|\\.\\d)");
    Matcher matcher = pattern.matcher(text);
    return matcher.replaceAll(match -> Matcher.quoteReplacement(all.get(match.group(1))));
  }

  /**
   * Writes the mapped CMDB (every file of {@code cmdb}, addresses replaced) and an inventory of the
   * lab's hosts with the project's own attributes, under {@code directory}.
   *
   * @return the mapped CMDB directory and inventory
   */
  public Mapped write(Cluster cluster, Path cmdb, String group, Lab lab, Path directory) {
    Path mappedCmdb = directory.resolve("cmdb");
    try {
      deleteTree(mappedCmdb);
      try (Stream<Path> files = Files.walk(cmdb)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path target = mappedCmdb.resolve(cmdb.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.writeString(target, apply(Files.readString(file)));
        }
      }
      StringBuilder ini =
          new StringBuilder(
                  "# The project's hosts in the rehearsal lab, written by lb:rehearse.\n[")
              .append(group)
              .append("]\n");
      for (HostConfig config : cluster.hosts()) {
        Host host = config.host();
        ini.append(host.name())
            .append(" address=")
            .append(lab.host(host.name()).address())
            .append(" user=root private_key=")
            .append(lab.clientKey());
        if (!host.os().isEmpty()) {
          ini.append(" os=").append(host.os());
        }
        host.attributes()
            .forEach((key, value) -> ini.append(' ').append(key).append('=').append(value));
        ini.append('\n');
      }
      Path inventory = directory.resolve("server.ini");
      Files.writeString(inventory, ini.toString());
      Files.write(directory.resolve("address-map.txt"), lines());
      return new Mapped(mappedCmdb, inventory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the rehearsal's files in " + directory, e);
    }
  }

  /** Where the mapped cluster definition was written. */
  public record Mapped(Path cmdbDirectory, Path inventory) {}

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The VIP a VRRP instance's servers should route client replies through (client-IP mode). */
  public String firstVip(Cluster cluster) {
    return cluster.hosts().stream()
        .flatMap(host -> host.keepalived().instances().stream())
        .flatMap(instance -> instance.virtualIps().stream())
        .map(VirtualIp::ip)
        .map(addresses::get)
        .findFirst()
        .orElseThrow();
  }
}
