package dev.lbops.render;

import dev.lbops.model.Bind;
import dev.lbops.model.Directive;
import dev.lbops.model.Failback;
import dev.lbops.model.Failover;
import dev.lbops.model.FreeLine;
import dev.lbops.model.GlobalDefs;
import dev.lbops.model.HaproxyCheck;
import dev.lbops.model.HostConfig;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.LvsCheck;
import dev.lbops.model.LvsService;
import dev.lbops.model.RealServer;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code keepalived.conf.mustache} sees. Absent optional values are empty or null; every view
 * that a template section opens names each value the section asks for.
 *
 * @param haproxyCheck the command {@code chk_haproxy} runs: HAProxy's process is alive and
 *     something listens on every port its frontends bind
 */
public record KeepalivedView(
    String header,
    String routerId,
    String scriptUser,
    boolean enableScriptSecurity,
    GlobalDefsView globalDefs,
    boolean trackHaproxy,
    String haproxyCheck,
    int checkInterval,
    int checkRise,
    int checkFall,
    List<SyncGroup> syncGroups,
    List<Instance> instances,
    List<VirtualServer> virtualServers,
    List<VrrpOptionsView.ScriptView> scripts) {

  static KeepalivedView of(String header, HostConfig host) {
    KeepalivedConfig config = host.keepalived();
    List<VrrpInstance> instances = config.instances();
    List<SyncGroup> syncGroups =
        !config.syncGroupName().isEmpty() && instances.size() > 1
            ? List.of(
                new SyncGroup(
                    config.syncGroupName(),
                    instances.stream().map(VrrpInstance::name).toList(),
                    texts(config.syncGroupLines())))
            : List.of();
    List<VirtualServer> virtualServers =
        Stream.concat(
                instances.stream()
                    .flatMap(instance -> instance.virtualIps().stream())
                    .filter(vip -> vip.lvs() != null)
                    .map(vip -> VirtualServer.of(vip.ip(), vip.lvs())),
                config.virtualServers().stream()
                    .map(server -> VirtualServer.of(server.ip(), server.service())))
            .toList();
    GlobalDefs defs = config.globalDefs();
    HaproxyCheck check = config.haproxyCheck();
    return new KeepalivedView(
        header,
        config.routerId(),
        defs.scriptUser(),
        defs.enableScriptSecurity(),
        GlobalDefsView.of(defs),
        instances.stream().anyMatch(VrrpInstance::trackHaproxy),
        haproxyCheckCommand(host),
        check.interval(),
        check.rise(),
        check.fall(),
        syncGroups,
        instances.stream().map(instance -> Instance.of(host, instance)).toList(),
        virtualServers,
        config.scripts().stream().map(VrrpOptionsView.ScriptView::of).toList());
  }

  private static List<String> texts(List<FreeLine> lines) {
    return lines.stream().map(FreeLine::text).toList();
  }

  /** A line a dedicated key writes: the keyword, and what follows it (may be empty). */
  public record Line(String keyword, String argument) {

    static List<Line> of(List<Directive> directives) {
      return directives.stream().map(d -> new Line(d.keyword(), d.value())).toList();
    }
  }

  /** The rest of {@code global_defs}. */
  public record GlobalDefsView(
      boolean hasNotificationEmails,
      List<String> notificationEmails,
      String notificationEmailFrom,
      String smtpServer,
      Integer smtpConnectTimeout,
      List<Line> settings,
      List<String> lines) {

    static GlobalDefsView of(GlobalDefs defs) {
      return new GlobalDefsView(
          !defs.notificationEmails().isEmpty(),
          defs.notificationEmails(),
          defs.notificationEmailFrom(),
          defs.smtpServer(),
          defs.smtpConnectTimeout(),
          Line.of(defs.settings()),
          texts(defs.lines()));
    }
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
  public record SyncGroup(String name, List<String> members, List<String> lines) {}

  /**
   * A {@code vrrp_instance}; {@code state}, {@code priority} and {@code advertInt} are empty or
   * null when left to Keepalived.
   *
   * @param state the state rendered: BACKUP on every host unless the fail-back is immediate, then
   *     the CMDB's; empty when the CMDB writes none and Keepalived starts it as BACKUP anyway
   * @param failback {@code delayed}, {@code never} or {@code immediate}
   * @param fastMasterDownMillis with {@code failover: fast}, this host's master down interval (how
   *     long after the master's last advert it takes over), named in a comment; else {@code null}
   * @param configuredState the CMDB's state, named in the comment when it differs from {@code
   *     state}
   */
  public record Instance(
      String name,
      String state,
      String failback,
      Long fastMasterDownMillis,
      boolean stateRewritten,
      String configuredState,
      String interfaceName,
      int routerId,
      Integer priority,
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
      boolean smtpAlert,
      List<Vip> virtualIps,
      boolean trackHaproxy,
      String notifyMaster,
      String notifyBackup,
      String notifyFault,
      String notifyAny,
      List<String> lines,
      VrrpOptionsView options) {

    static Instance of(HostConfig host, VrrpInstance i) {
      String advertInt = i.advertInt().stripTrailingZeros().toPlainString();
      Failback failback = Failback.of(host, i);
      // Unless it is immediate, every host starts as BACKUP: written so where the CMDB writes a
      // state or Keepalived would derive MASTER (priority 255), else left to Keepalived's BACKUP.
      boolean written = i.writes("state") || i.state() == VrrpState.MASTER;
      String state = !written ? "" : failback != Failback.IMMEDIATE ? "BACKUP" : i.state().name();
      // A MASTER started as BACKUP keeps its election only with its priority written (Keepalived
      // gives 255 to a MASTER that sets none, 100 to a BACKUP).
      boolean stateRewritten = !state.isEmpty() && !state.equals(i.state().name());
      return new Instance(
          i.name(),
          state,
          failback.word(),
          i.failover() == Failover.FAST ? Long.valueOf(Failover.masterDownMillis(i)) : null,
          stateRewritten,
          i.state().name(),
          i.interfaceName(),
          i.routerId(),
          i.writes("priority") || stateRewritten ? i.priority() : null,
          i.writes("advert_int") ? advertInt : "",
          i.options().version() == null && i.advertInt().stripTrailingZeros().scale() > 0,
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
          i.smtpAlert(),
          Vip.distinct(i.virtualIps()),
          i.trackHaproxy(),
          i.notifyScripts().master(),
          i.notifyScripts().backup(),
          i.notifyScripts().fault(),
          i.notifyScripts().any(),
          texts(i.lines()),
          VrrpOptionsView.of(i));
    }
  }

  /** One line of {@code virtual_ipaddress}. */
  public record Vip(String address, String dev, String scope, String label) {

    /** Each address once, also one listed twice to carry two LVS ports. */
    static List<Vip> distinct(List<VirtualIp> vips) {
      List<Vip> distinct = new ArrayList<>();
      for (VirtualIp vip : vips) {
        Vip line = new Vip(vip.address(), vip.dev(), vip.scope(), vip.label());
        if (!distinct.contains(line)) {
          distinct.add(line);
        }
      }
      return distinct;
    }
  }

  /** An LVS {@code virtual_server}. */
  public record VirtualServer(
      String ip,
      int port,
      Integer delayLoop,
      String lbAlgo,
      String lbKind,
      Integer persistenceTimeout,
      String protocol,
      String sorryServer,
      List<String> lines,
      List<Real> realServers) {

    static VirtualServer of(String ip, LvsService lvs) {
      return new VirtualServer(
          ip,
          lvs.port(),
          lvs.delayLoop(),
          lvs.lbAlgo(),
          lvs.lbKind(),
          lvs.persistenceTimeout(),
          lvs.protocol(),
          lvs.sorryServer(),
          texts(lvs.lines()),
          lvs.realServers().stream().map(Real::of).toList());
    }
  }

  /** A {@code real_server}. */
  public record Real(String ip, int port, Integer weight, List<Check> checks, List<String> lines) {

    static Real of(RealServer real) {
      return new Real(
          real.ip(),
          real.port(),
          real.weight(),
          real.checks().stream().map(Check::of).toList(),
          texts(real.lines()));
    }
  }

  /** A health checker block such as {@code HTTP_GET}. */
  public record Check(
      String kind,
      List<LvsCheck.Url> urls,
      String miscPath,
      Integer miscTimeout,
      boolean miscDynamic,
      Integer connectTimeout,
      Integer connectPort,
      Integer retry,
      Integer delayBeforeRetry,
      List<String> lines) {

    static Check of(LvsCheck check) {
      return new Check(
          check.kind(),
          check.urls(),
          check.miscPath(),
          check.miscTimeout(),
          check.miscDynamic(),
          check.connectTimeout(),
          check.connectPort(),
          check.retry(),
          check.delayBeforeRetry(),
          texts(check.lines()));
    }
  }
}
