package dev.lbops.binding;

import dev.lbops.core.Secret;
import dev.lbops.model.Failback;
import dev.lbops.model.Failover;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Garp;
import dev.lbops.model.GlobalDefs;
import dev.lbops.model.HaproxyCheck;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.LvsService;
import dev.lbops.model.LvsVirtualServer;
import dev.lbops.model.NotifyScripts;
import dev.lbops.model.Range;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpAuthentication;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpOptions;
import dev.lbops.model.VrrpScript;
import dev.lbops.model.VrrpState;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Keepalived module of a host's CMDB into its {@link KeepalivedConfig}; LVS virtual
 * servers are read by {@link LvsBinder}.
 */
final class KeepalivedBinder {

  private static final Format VRRP_STATE =
      Format.oneOf("a VRRP state", List.of("MASTER", "BACKUP", "master", "backup"));
  private static final Format FAILBACK =
      Format.oneOf("a fail-back", List.of("delayed", "never", "immediate"));
  private static final Format FAILOVER = Format.oneOf("a failover", List.of("standard", "fast"));
  private static final Format AUTHENTICATION_TYPE =
      Format.oneOf("an authentication type", List.of("PASS", "AH"));
  private static final Format SCOPE =
      Format.oneOf("an address scope", List.of("global", "site", "link", "host", "nowhere"));
  private static final Format LABEL =
      new Format(
          "an address label",
          "write the interface's name, ':' and a suffix, such as eth0:1 (at most 15 characters)",
          value -> value.matches("[A-Za-z0-9_.:-]{1,15}"),
          "is not an address label");

  private final SettingsServers servers;

  KeepalivedBinder(SettingsServers servers) {
    this.servers = servers;
  }

  KeepalivedConfig bind(Fields top) {
    List<String> packages = top.texts("package", List.of("keepalived"), Format.PACKAGE);
    String routerId;
    if (top.has("lvs_id") && !top.has("keepalived_router_id")) {
      routerId = top.text("lvs_id", "", Format.KEEPALIVED_WORD);
      top.warning(
          "lvs_id",
          "'lvs_id' is a legacy key: Keepalived 2 calls it router_id in global_defs",
          "rename it to 'keepalived_router_id'");
    } else {
      top.node("lvs_id");
      routerId = top.text("keepalived_router_id", "", Format.KEEPALIVED_WORD);
    }
    String syncGroup = top.text("vrrp_sync_group_name", "", Format.NAME);
    List<FreeLine> syncGroupLines = top.freeLines("vrrp_sync_group_lines", Format.KEEPALIVED_LINE);
    GlobalDefs globalDefs = globalDefs(top.mapping("keepalived_global_defs"));
    Failback hostFailback = failback(top, null);
    Failover hostFailover = failover(top, Failover.STANDARD);
    HaproxyCheck check = haproxyCheck(top.mapping("haproxy_check"));
    List<VrrpInstance> instances =
        top.list("vrrp_instances", instance -> vrrpInstance(instance, hostFailback, hostFailover));
    List<LvsVirtualServer> virtualServers = top.list("virtual_servers", LvsBinder::virtualServer);
    List<VrrpScript> scripts = VrrpOptionsBinder.scripts(top);
    return new KeepalivedConfig(
        packages,
        routerId,
        syncGroup,
        syncGroupLines,
        globalDefs,
        check,
        instances,
        virtualServers,
        top.origin(),
        scripts);
  }

  /**
   * {@code global_defs}: {@code script_user root} and {@code enable_script_security} unless not.
   */
  private static GlobalDefs globalDefs(Fields f) {
    if (f == null) {
      return GlobalDefs.DEFAULTS;
    }
    GlobalDefs defs =
        new GlobalDefs(
            f.texts("notification_email", List.of(), Format.EMAIL),
            f.text("notification_email_from", "", Format.EMAIL),
            f.text("smtp_server", "", Format.SMTP_SERVER),
            f.integer("smtp_connect_timeout", null, GlobalDefs.SMTP_CONNECT_TIMEOUT),
            f.removableText("script_user", "root", Format.ACCOUNT),
            f.removableBool("enable_script_security", true),
            DirectiveKeys.read(f, DirectiveKeys.GLOBAL_DEFS, 'K'),
            f.freeLines("lines", Format.KEEPALIVED_LINE),
            f.origin());
    f.rejectUnknownKeys();
    return defs;
  }

  /** The {@code failover} written at this level, else {@code fallback}. */
  private static Failover failover(Fields f, Failover fallback) {
    String word = f.text("failover", "", FAILOVER);
    return word.isEmpty() ? fallback : Failover.valueOf(word.toUpperCase());
  }

  /** The {@code failback} written at this level, else {@code fallback}. */
  private static Failback failback(Fields f, Failback fallback) {
    String word = f.text("failback", "", FAILBACK);
    return word.isEmpty() ? fallback : Failback.valueOf(word.toUpperCase());
  }

  private static HaproxyCheck haproxyCheck(Fields f) {
    if (f == null) {
      return HaproxyCheck.DEFAULTS;
    }
    HaproxyCheck defaults = HaproxyCheck.DEFAULTS;
    Integer interval = f.integer("interval", defaults.interval(), HaproxyCheck.INTERVAL);
    Integer rise = f.integer("rise", defaults.rise(), HaproxyCheck.RISE);
    Integer fall = f.integer("fall", defaults.fall(), HaproxyCheck.FALL);
    f.rejectUnknownKeys();
    return f.complete() ? new HaproxyCheck(interval, rise, fall) : defaults;
  }

  private VrrpInstance vrrpInstance(Fields f, Failback hostFailback, Failover hostFailover) {
    Set<String> omitted = new HashSet<>();
    String name = f.requiredText("name", Format.NAME);
    String state = f.text("state", "", VRRP_STATE);
    if (state.isEmpty()) {
      omitted.add("state");
    }
    String interfaceName = f.requiredText("interface", Format.INTERFACE);
    Integer routerId = f.requiredInteger("router_id", VrrpInstance.ROUTER_ID);
    Integer priority = f.removableInteger("priority", null, VrrpInstance.PRIORITY);
    if (priority == null) {
      omitted.add("priority");
    }
    Failover failover = failover(f, hostFailover);
    boolean fast = failover == Failover.FAST;
    BigDecimal advertInt =
        f.seconds(
            "advert_int", fast && !f.has("advert_int") ? Failover.FAST_ADVERT_INT : BigDecimal.ONE);
    if (f.cleared("advert_int")) {
      omitted.add("advert_int");
    }
    List<VirtualIp> vips = f.list("virtual_ips", this::virtualIp);
    if (!f.has("virtual_ips")) {
      f.error(
          "virtual_ips",
          "a VRRP instance needs at least one virtual IP",
          "add virtual_ips: [{ip: ..., cidr: ...}]");
    }
    String unicastSrcIp = f.text("unicast_src_ip", "", Format.IP);
    List<String> peers = f.texts("unicast_peer", List.of(), Format.IP);
    VrrpAuthentication authentication = authentication(f.mapping("authentication"));
    boolean trackHaproxy = f.bool("track_haproxy", true);
    NotifyScripts notify =
        new NotifyScripts(
            f.text("notify_master", "", Format.SCRIPT),
            f.text("notify_backup", "", Format.SCRIPT),
            f.text("notify_fault", "", Format.SCRIPT),
            f.text("notify", "", Format.SCRIPT));
    Failback failback = failback(f, hostFailback);
    boolean nopreempt = f.bool("nopreempt", false);
    Integer preemptDelay = f.integer("preempt_delay", null, VrrpInstance.PREEMPT_DELAY);
    Garp garp =
        new Garp(
            f.integer(
                "garp_master_delay",
                fast && !f.has("garp_master_delay") ? Failover.FAST_GARP_MASTER_DELAY : null,
                Garp.MASTER_DELAY),
            f.integer("garp_master_repeat", null, Garp.MASTER_REPEAT),
            f.integer("garp_master_refresh", null, Garp.MASTER_REFRESH));
    boolean smtpAlert = f.bool("smtp_alert", false);
    List<FreeLine> lines = f.freeLines("lines", Format.KEEPALIVED_LINE);
    VrrpOptions options = VrrpOptionsBinder.options(f);
    if (!f.complete()) {
      return null;
    }
    VrrpState startState = startState(state, priority);
    return new VrrpInstance(
        name,
        startState,
        interfaceName,
        routerId,
        priority != null ? priority : derivedPriority(startState),
        advertInt,
        vips,
        unicastSrcIp,
        peers,
        authentication,
        trackHaproxy,
        notify,
        failback,
        failover,
        nopreempt,
        preemptDelay,
        garp,
        smtpAlert,
        lines,
        omitted,
        f.origin(),
        options);
  }

  /** The state written, else Keepalived's: MASTER for the addresses' owner (255), else BACKUP. */
  private static VrrpState startState(String written, Integer priority) {
    if (!written.isEmpty()) {
      return VrrpState.valueOf(written.toUpperCase());
    }
    return priority != null && priority == VrrpInstance.OWNER_PRIORITY
        ? VrrpState.MASTER
        : VrrpState.BACKUP;
  }

  /** The priority Keepalived gives an instance that sets none: 255 for a MASTER, else 100. */
  private static int derivedPriority(VrrpState state) {
    return state == VrrpState.MASTER ? VrrpInstance.OWNER_PRIORITY : VrrpInstance.DEFAULT_PRIORITY;
  }

  /** The instance's authentication, or {@code null} when it has none or it cannot be read. */
  private VrrpAuthentication authentication(Fields f) {
    if (f == null) {
      return null;
    }
    String type = f.text("type", "PASS", AUTHENTICATION_TYPE);
    String serverId = f.requiredText("server_id", Format.SERVER_ID);
    f.rejectUnknownKeys();
    Secret password =
        serverId == null ? null : servers.password(f, "server_id", serverId, "the VRRP password");
    if (!f.complete() || password == null) {
      return null;
    }
    return new VrrpAuthentication(type, serverId, password, f.origin());
  }

  private VirtualIp virtualIp(Fields f) {
    String ip = f.requiredText("ip", Format.IP);
    Range cidrRange = VirtualIp.cidrRange(ip != null && ip.contains(":"));
    Integer cidr = f.integer("cidr", cidrRange.max(), cidrRange);
    String dev = f.text("dev", "", Format.INTERFACE);
    String scope = f.text("scope", "", SCOPE);
    String label = f.text("label", "", LABEL);
    LvsService lvs = LvsBinder.onVip(f);
    return f.complete() ? new VirtualIp(ip, cidr, dev, scope, label, lvs, f.origin()) : null;
  }
}
