package dev.lbops.model;

import java.util.List;

/** Every host of the load-balancer cluster with its configuration. */
public record Cluster(List<HostConfig> hosts) {

  public Cluster {
    hosts = List.copyOf(hosts);
  }

  /** The host of that name. */
  public HostConfig host(String name) {
    return hosts.stream()
        .filter(host -> host.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No host " + name + " in the cluster"));
  }
}
