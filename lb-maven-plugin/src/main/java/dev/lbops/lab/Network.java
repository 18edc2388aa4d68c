package dev.lbops.lab;

import dev.lbops.core.LbLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The lab's bridge and its /24 in the benchmarking range 198.18.0.0/15; no route leads out. */
final class Network {

  private Network() {}

  /** A bridge name (at most 15 characters) that differs for each lab name. */
  static String bridgeName(String labName) {
    return "lbr" + shortHash(labName);
  }

  static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A 198.18.N /24 no interface of this machine uses, starting from one derived from the name. */
  static String freeSubnet(String labName) {
    String addresses = Shell.run("ip", "-o", "-4", "addr", "show");
    int start = 1 + Math.floorMod(labName.hashCode(), 200);
    for (int i = 0; i < 254; i++) {
      int candidate = 1 + (start - 1 + i) % 254;
      String subnet = "198.18." + candidate;
      if (!addresses.contains(" " + subnet + ".")) {
        return subnet;
      }
    }
    throw new LabException("No free /24 left in 198.18.0.0/16 for a lab");
  }

  /**
   * The bridge with this machine's addresses on it: IPv4 and its IPv6 twin in 2001:db8::/32 ({@code
   * nodad}: no duplicate-address wait), neither a route out.
   */
  static void createBridge(String bridge, String gateway) {
    Shell.run("ip", "link", "add", bridge, "type", "bridge");
    Shell.run("ip", "addr", "add", gateway + "/24", "dev", bridge);
    Shell.run("ip", "-6", "addr", "add", LabState.ipv6(gateway) + "/64", "dev", bridge, "nodad");
    Shell.run("ip", "link", "set", bridge, "up");
  }

  static boolean exists(String link) {
    return Shell.attempt(List.of("ip", "link", "show", link)).ok();
  }

  /**
   * A namespace with one veth named eth0 on the bridge, an address and its IPv6 twin ({@code
   * nodad}), loopback up and no default route.
   */
  static void createNamespace(String namespace, String hostVeth, String bridge, String address) {
    Shell.run("ip", "netns", "add", namespace);
    Shell.run(
        "ip", "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
    Shell.run("ip", "link", "set", hostVeth, "master", bridge, "up");
    Shell.run("ip", "-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
    Shell.run(
        "ip",
        "-n",
        namespace,
        "-6",
        "addr",
        "add",
        LabState.ipv6(address) + "/64",
        "dev",
        "eth0",
        "nodad");
    Shell.run("ip", "-n", namespace, "link", "set", "eth0", "up");
    Shell.run("ip", "-n", namespace, "link", "set", "lo", "up");
  }

  /** Deletes the namespace (its veth goes with it); false when there was none. */
  static boolean deleteNamespace(String namespace) {
    return Shell.attempt(List.of("ip", "netns", "del", namespace)).ok();
  }

  /**
   * Removes namespaces ({@code lb-<lab>-*}) and veths ({@code vethPrefix*}) a lab of this name left
   * behind without a state file, as after a killed build: their names are the lab's own.
   */
  static void removeLeftovers(String labName, String vethPrefix, LbLog log) {
    String namespacePrefix = "lb-" + labName + "-";
    for (String line : Shell.run("ip", "netns", "list").lines().toList()) {
      String namespace = line.split(" ")[0];
      if (namespace.startsWith(namespacePrefix)) {
        log.info("Removing namespace " + namespace + ", left by an earlier lab '" + labName + "'");
        deleteNamespace(namespace);
      }
    }
    for (String line : Shell.run("ip", "-o", "link", "show").lines().toList()) {
      String[] fields = line.split(": ");
      String link = fields.length > 1 ? fields[1].split("@")[0] : "";
      if (link.startsWith(vethPrefix)) {
        log.info("Removing link " + link + ", left by an earlier lab '" + labName + "'");
        deleteLink(link);
      }
    }
  }

  static boolean deleteLink(String link) {
    return Shell.attempt(List.of("ip", "link", "del", link)).ok();
  }
}
