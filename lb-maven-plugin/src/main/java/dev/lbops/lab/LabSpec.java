package dev.lbops.lab;

import java.nio.file.Path;

/**
 * What lab to bring up.
 *
 * @param name distinguishes labs on one machine (bridge, subnet, namespaces)
 * @param loadBalancers how many load-balancer hosts (1 to 99)
 * @param backends how many backends answering HTTP with their own name (0 to 99)
 * @param directory where the lab keeps its key, known_hosts, inventory and state
 */
public record LabSpec(String name, HostKind kind, int loadBalancers, int backends, Path directory) {

  public LabSpec {
    if (!name.matches("[a-z][a-z0-9]{0,9}")) {
      throw new IllegalArgumentException(
          "lab name '"
              + name
              + "' must be 1-10 lower-case letters and digits, starting with a letter");
    }
    if (loadBalancers < 1 || loadBalancers > 99 || backends < 0 || backends > 99) {
      throw new IllegalArgumentException("a lab has 1-99 load balancers and 0-99 backends");
    }
  }
}
