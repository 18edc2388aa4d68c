package dev.lbops.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The one answer to "which hosts share a VRRP instance": each named instance with the hosts that
   * declare it, in order of first appearance.
   */
  public List<SharedInstance> instances() {
    Map<String, List<SharedInstance.Member>> byName = new LinkedHashMap<>();
    for (HostConfig host : hosts) {
      for (VrrpInstance instance : host.keepalived().instances()) {
        byName
            .computeIfAbsent(instance.name(), name -> new ArrayList<>())
            .add(new SharedInstance.Member(host, instance));
      }
    }
    List<SharedInstance> instances = new ArrayList<>();
    byName.forEach((name, members) -> instances.add(new SharedInstance(name, members)));
    return instances;
  }

  /**
   * {@code among} in groups of hosts that share no VRRP instance, directly or through others, each
   * group in {@code among}'s order; a host in no instance is a group of its own.
   */
  public static List<List<HostConfig>> independentGroups(List<HostConfig> among) {
    Map<String, String> parent = new HashMap<>();
    for (HostConfig host : among) {
      List<String> names = instanceNames(host);
      names.forEach(name -> parent.putIfAbsent(name, name));
      for (String other : names) {
        parent.put(root(parent, other), root(parent, names.get(0)));
      }
    }
    Map<String, List<HostConfig>> groups = new LinkedHashMap<>();
    for (HostConfig host : among) {
      List<String> names = instanceNames(host);
      String key = names.isEmpty() ? "host " + host.name() : root(parent, names.get(0));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(host);
    }
    return List.copyOf(groups.values());
  }

  private static List<String> instanceNames(HostConfig host) {
    return host.keepalived().instances().stream().map(VrrpInstance::name).toList();
  }

  private static String root(Map<String, String> parent, String name) {
    String root = name;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
  }
}
