package dev.lbops.model;

import java.util.List;

/**
 * Keepalived on one host.
 *
 * @param routerId {@code global_defs router_id}: the name this node goes by
 * @param syncGroupName the VRRP sync group joining all instances, or empty for none
 * @param haproxyCheck the check every instance that tracks HAProxy shares
 */
public record KeepalivedConfig(
    List<String> packages,
    String routerId,
    String syncGroupName,
    HaproxyCheck haproxyCheck,
    List<VrrpInstance> instances,
    Origin origin) {

  public KeepalivedConfig {
    packages = List.copyOf(packages);
    instances = List.copyOf(instances);
  }
}
