package dev.lbops.model;

import java.util.List;

/** Every host of the load-balancer cluster with its configuration. */
public record Cluster(List<HostConfig> hosts) {

  public Cluster {
    hosts = List.copyOf(hosts);
  }
}
