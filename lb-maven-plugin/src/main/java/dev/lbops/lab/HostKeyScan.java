package dev.lbops.lab;

import dev.lbops.core.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lab's known_hosts: the key each load balancer's sshd presents, checked against the one the
 * lab made for that host before it started, so that the lab's own SSH checks the host key strictly.
 */
final class HostKeyScan {

  private static final long DEADLINE_MILLIS = 30_000;

  private HostKeyScan() {}

  /**
   * Waits for each sshd, reads the key it presents (one ssh-keyscan for all hosts still silent),
   * checks it is the one made for that host, and writes the lab's known_hosts in the hosts' order.
   *
   * @param madeKey the public key file made for a host
   */
  static void collect(
      List<LabHost> loadBalancers, Function<LabHost, Path> madeKey, LabLayout layout)
      throws IOException {
    Map<String, LabHost> silent = new LinkedHashMap<>();
    loadBalancers.forEach(host -> silent.put(host.address(), host));
    Map<String, Map<String, String>> entries = new HashMap<>();
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!silent.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("ssh-keyscan", "-t", "ed25519", "-T", "3"));
      command.addAll(silent.keySet());
      for (String line :
          Shell.attempt(command)
              .output()
              .lines()
              .filter(l -> !l.startsWith("#") && l.contains(" "))
              .toList()) {
        String address = line.substring(0, line.indexOf(' '));
        LabHost host = silent.remove(address);
        if (host == null) {
          continue;
        }
        String presented = line.substring(line.indexOf(' ') + 1).strip();
        String expected = readKey(madeKey.apply(host));
        if (!presented.equals(expected)) {
          throw new LabException(
              "Host " + host.name() + " presents a host key that is not the one made for it");
        }
        entries.put(host.name(), Map.of("address", address, "key", expected));
      }
      if (!silent.isEmpty() && System.currentTimeMillis() > deadline) {
        LabHost first = silent.values().iterator().next();
        throw new LabException(
            "sshd of "
                + silent.size()
                + " hosts did not answer within 30 s, such as "
                + first.name()
                + ": see "
                + layout.console(first.name()));
      }
      if (!silent.isEmpty()) {
        Threads.sleep(50);
      }
    }
    List<Map<String, String>> ordered =
        loadBalancers.stream().map(host -> entries.get(host.name())).toList();
    LabFiles.write(layout.knownHosts(), "known_hosts", Map.of("hosts", ordered));
  }

  /** The key type and key of a public key file, without its comment. */
  private static String readKey(Path publicKey) {
    try {
      String[] parts = Files.readString(publicKey).strip().split(" ");
      return parts[0] + " " + parts[1];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
