package dev.lbops.lab;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What lab to bring up.
 *
 * @param name distinguishes labs on one machine (bridge, subnet, namespaces)
 * @param loadBalancerNames the load balancers' host names (1 to 99 of them)
 * @param backends how many backends answering HTTP with their own name (0 to 99)
 * @param directory where the lab keeps its key, known_hosts, inventory and state
 */
public record LabSpec(
    String name, HostKind kind, List<String> loadBalancerNames, int backends, Path directory) {

  /** A lab whose load balancers are called lb1, lb2, ... */
  public LabSpec(String name, HostKind kind, int loadBalancers, int backends, Path directory) {
    this(
        name,
        kind,
        IntStream.rangeClosed(1, loadBalancers).mapToObj(i -> "lb" + i).toList(),
        backends,
        directory);
  }

  public int loadBalancers() {
    return loadBalancerNames.size();
  }

  public LabSpec {
    loadBalancerNames = List.copyOf(loadBalancerNames);
    for (String host : loadBalancerNames) {
      if (!host.matches("[a-z0-9][a-z0-9-]{0,30}") || host.matches("web\\d+|client")) {
        throw new IllegalArgumentException(
            "lab host name '"
                + host
                + "' must be 1-31 lower-case letters, digits and dashes (and not web<N> or client)");
      }
    }
    if (new HashSet<>(loadBalancerNames).size() != loadBalancerNames.size()) {
      throw new IllegalArgumentException("lab host names repeat: " + loadBalancerNames);
    }
    if (!name.matches("[a-z][a-z0-9]{0,9}")) {
      throw new IllegalArgumentException(
          "lab name '"
              + name
              + "' must be 1-10 lower-case letters and digits, starting with a letter");
    }
    if (loadBalancerNames.isEmpty()
        || loadBalancerNames.size() > 99
        || backends < 0
        || backends > 99) {
      throw new IllegalArgumentException("a lab has 1-99 load balancers and 0-99 backends");
    }
  }
}
