package dev.lbops.render;

import dev.lbops.model.Bind;
import dev.lbops.model.Failback;
import dev.lbops.model.HaproxyCheck;
import dev.lbops.model.HostConfig;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.LvsService;
import dev.lbops.model.RealServer;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code keepalived.conf.mustache} sees. Absent optional values are empty or null.
 *
 * @param haproxyCheck the command {@code chk_haproxy} runs: HAProxy's process is alive and
 *     something listens on every port its frontends bind
 */
public record KeepalivedView(
    String header,
    String routerId,
    boolean trackHaproxy,
    String haproxyCheck,
    int checkInterval,
    int checkRise,
    int checkFall,
    List<SyncGroup> syncGroups,
    List<Instance> instances,
    List<VirtualServer> virtualServers) {

  static KeepalivedView of(String header, HostConfig host) {
    KeepalivedConfig config = host.keepalived();
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
    HaproxyCheck check = config.haproxyCheck();
    return new KeepalivedView(
        header,
        config.routerId(),
        instances.stream().anyMatch(VrrpInstance::trackHaproxy),
        haproxyCheckCommand(host),
        check.interval(),
        check.rise(),
        check.fall(),
        syncGroups,
        instances.stream().map(instance -> Instance.of(host, instance)).toList(),
        virtualServers);
  }

  /**
   * The check as one {@code sh -c} word: HAProxy's PID alive, and a listener on each port its
   * frontends and listen sections bind (ports are numbers, so nothing here needs quoting).
   */
  public static String haproxyCheckCommand(HostConfig host) {
    Stream<Bind> binds =
        Stream.concat(
            host.haproxy().frontends().stream().flatMap(frontend -> frontend.binds().stream()),
            host.haproxy().listens().stream().map(Listen::binds).flatMap(List::stream));
    StringBuilder command = new StringBuilder("kill -0 $(cat /run/haproxy.pid)");
    binds
        .map(Bind::port)
        .distinct()
        .sorted()
        .forEach(
            port ->
                command.append(" && ss -Hltn sport = :").append(port).append(" | grep -q LISTEN"));
    return command.toString();
  }

  /** A {@code vrrp_sync_group}. */
  public record SyncGroup(String name, List<String> members) {}

  /**
   * A {@code vrrp_instance}.
   *
   * @param state the state rendered: BACKUP on every host unless the fail-back is immediate
   * @param failback {@code delayed}, {@code never} or {@code immediate}
   * @param configuredState the CMDB's state, named in the comment when it differs from {@code
   *     state}
   */
  public record Instance(
      String name,
      String state,
      String failback,
      boolean stateRewritten,
      String configuredState,
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
      String notifyAny) {

    static Instance of(HostConfig host, VrrpInstance i) {
      Failback failback = Failback.of(host, i);
      String state = failback == Failback.IMMEDIATE ? i.state().name() : "BACKUP";
      return new Instance(
          i.name(),
          state,
          failback.word(),
          !state.equals(i.state().name()),
          i.state().name(),
          i.interfaceName(),
          i.routerId(),
          i.priority(),
          i.advertInt().stripTrailingZeros().toPlainString(),
          i.advertInt().stripTrailingZeros().scale() > 0,
          failback == Failback.NEVER,
          failback == Failback.DELAYED
              ? Integer.valueOf(Failback.preemptDelaySeconds(host.keepalived(), i))
              : null,
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
          i.notifyScripts().any());
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
