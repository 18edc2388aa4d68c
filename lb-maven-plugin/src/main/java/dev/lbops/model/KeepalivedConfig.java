package dev.lbops.model;

import java.util.List;

/**
 * Keepalived on one host.
 *
 * @param routerId {@code global_defs router_id}: the name this node goes by
 * @param syncGroupName the VRRP sync group joining all instances, or empty for none
 * @param syncGroupLines free lines of the sync group
 * @param globalDefs the rest of {@code global_defs}
 * @param haproxyCheck the check every instance that tracks HAProxy shares
 * @param virtualServers LVS virtual servers on addresses of their own (those on a VIP belong to the
 *     VIP)
 * @param scripts the user {@code vrrp_script}s instances may track
 */
public record KeepalivedConfig(
    List<String> packages,
    String routerId,
    String syncGroupName,
    List<FreeLine> syncGroupLines,
    GlobalDefs globalDefs,
    HaproxyCheck haproxyCheck,
    List<VrrpInstance> instances,
    List<LvsVirtualServer> virtualServers,
    Origin origin,
    List<VrrpScript> scripts) {

  public KeepalivedConfig {
    packages = List.copyOf(packages);
    syncGroupLines = List.copyOf(syncGroupLines);
    instances = List.copyOf(instances);
    virtualServers = List.copyOf(virtualServers);
    scripts = List.copyOf(scripts);
  }
}
