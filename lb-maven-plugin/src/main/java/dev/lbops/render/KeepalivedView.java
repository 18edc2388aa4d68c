package dev.lbops.render;

import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.LvsService;
import dev.lbops.model.RealServer;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.util.List;
import java.util.Objects;

/** What {@code keepalived.conf.mustache} sees. Absent optional values are empty or null. */
public record KeepalivedView(
    String header,
    String routerId,
    boolean trackHaproxy,
    List<SyncGroup> syncGroups,
    List<Instance> instances,
    List<VirtualServer> virtualServers,
    List<VrrpOptionsView.ScriptView> scripts) {

  static KeepalivedView of(String header, KeepalivedConfig config) {
    List<VrrpInstance> instances = config.instances();
    List<SyncGroup> syncGroups =
        !config.syncGroupName().isEmpty() && instances.size() > 1
            ? List.of(
                new SyncGroup(
                    config.syncGroupName(), instances.stream().map(VrrpInstance::name).toList()))
            : List.of();
    List<VirtualServer> virtualServers =
        instances.stream()
            .flatMap(instance -> instance.virtualIps().stream())
            .filter(vip -> vip.lvs() != null)
            .map(VirtualServer::of)
            .toList();
    return new KeepalivedView(
        header,
        config.routerId(),
        instances.stream().anyMatch(VrrpInstance::trackHaproxy),
        syncGroups,
        instances.stream().map(Instance::of).toList(),
        virtualServers,
        config.scripts().stream().map(VrrpOptionsView.ScriptView::of).toList());
  }

  /** A {@code vrrp_sync_group}. */
  public record SyncGroup(String name, List<String> members) {}

  /** A {@code vrrp_instance}. */
  public record Instance(
      String name,
      String state,
      String interfaceName,
      int routerId,
      int priority,
      String advertInt,
      boolean vrrpVersion3,
      boolean nopreempt,
      Integer preemptDelay,
      Integer garpMasterDelay,
      Integer garpMasterRepeat,
      Integer garpMasterRefresh,
      String unicastSrcIp,
      boolean hasUnicastPeers,
      List<String> unicastPeers,
      String authType,
      String authPassword,
      List<String> virtualIps,
      boolean trackHaproxy,
      String notifyMaster,
      String notifyBackup,
      String notifyFault,
      String notifyAny,
      VrrpOptionsView options) {

    static Instance of(VrrpInstance i) {
      return new Instance(
          i.name(),
          i.state().name(),
          i.interfaceName(),
          i.routerId(),
          i.priority(),
          i.advertInt().stripTrailingZeros().toPlainString(),
          i.options().version() == null && i.advertInt().stripTrailingZeros().scale() > 0,
          i.nopreempt(),
          i.preemptDelay(),
          i.garp().masterDelay(),
          i.garp().masterRepeat(),
          i.garp().masterRefresh(),
          i.unicastSrcIp(),
          !i.unicastPeers().isEmpty(),
          i.unicastPeers(),
          i.authentication() == null ? "" : i.authentication().type(),
          i.authentication() == null || i.authentication().password() == null
              ? ""
              : i.authentication().password().reveal(),
          i.virtualIps().stream().map(vip -> vip.ip() + "/" + vip.cidr()).toList(),
          i.trackHaproxy(),
          i.notifyScripts().master(),
          i.notifyScripts().backup(),
          i.notifyScripts().fault(),
          i.notifyScripts().any(),
          VrrpOptionsView.of(i));
    }
  }

  /** An LVS {@code virtual_server}. */
  public record VirtualServer(
      String ip,
      int port,
      int delayLoop,
      String lbAlgo,
      String lbKind,
      Integer persistenceTimeout,
      String protocol,
      List<RealServer> realServers) {

    static VirtualServer of(VirtualIp vip) {
      LvsService lvs = Objects.requireNonNull(vip.lvs());
      return new VirtualServer(
          vip.ip(),
          lvs.port(),
          lvs.delayLoop(),
          lvs.lbAlgo(),
          lvs.lbKind(),
          lvs.persistenceTimeout(),
          lvs.protocol(),
          lvs.realServers());
    }
  }
}
