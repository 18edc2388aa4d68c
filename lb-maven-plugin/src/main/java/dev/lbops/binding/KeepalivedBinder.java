package dev.lbops.binding;

import dev.lbops.core.Secret;
import dev.lbops.model.Failback;
import dev.lbops.model.Garp;
import dev.lbops.model.HaproxyCheck;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.LvsService;
import dev.lbops.model.NotifyScripts;
import dev.lbops.model.Range;
import dev.lbops.model.RealServer;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpAuthentication;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import java.math.BigDecimal;
import java.util.List;

/** Reads the Keepalived module of a host's CMDB into its {@link KeepalivedConfig}. */
final class KeepalivedBinder {

  private static final Format VRRP_STATE =
      Format.oneOf("a VRRP state", List.of("MASTER", "BACKUP", "master", "backup"));
  private static final Format FAILBACK =
      Format.oneOf("a fail-back", List.of("delayed", "never", "immediate"));
  private static final Format AUTHENTICATION_TYPE =
      Format.oneOf("an authentication type", List.of("PASS", "AH"));
  private static final Format LVS_SCHEDULER =
      Format.oneOf(
          "an LVS scheduler",
          List.of(
              "rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf",
              "mh"));
  private static final Format LVS_FORWARDING =
      Format.oneOf("an LVS forwarding method", List.of("NAT", "DR", "TUN"));
  private static final Format LVS_PROTOCOL =
      Format.oneOf("a protocol", List.of("TCP", "UDP", "SCTP"));
  private static final List<String> LVS_KEYS =
      List.of("delay_loop", "lb_algo", "lb_kind", "persistence_timeout", "protocol");

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
    Failback hostFailback = failback(top, null);
    HaproxyCheck check = haproxyCheck(top.mapping("haproxy_check"));
    List<VrrpInstance> instances =
        top.list("vrrp_instances", instance -> vrrpInstance(instance, hostFailback));
    return new KeepalivedConfig(packages, routerId, syncGroup, check, instances, top.origin());
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

  private VrrpInstance vrrpInstance(Fields f, Failback hostFailback) {
    String name = f.requiredText("name", Format.NAME);
    String state = f.requiredText("state", VRRP_STATE);
    String interfaceName = f.requiredText("interface", Format.INTERFACE);
    Integer routerId = f.requiredInteger("router_id", VrrpInstance.ROUTER_ID);
    Integer priority = f.requiredInteger("priority", VrrpInstance.PRIORITY);
    BigDecimal advertInt = f.seconds("advert_int", BigDecimal.ONE);
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
            f.integer("garp_master_delay", null, Garp.MASTER_DELAY),
            f.integer("garp_master_repeat", null, Garp.MASTER_REPEAT),
            f.integer("garp_master_refresh", null, Garp.MASTER_REFRESH));
    if (!f.complete()) {
      return null;
    }
    return new VrrpInstance(
        name,
        VrrpState.valueOf(state.toUpperCase()),
        interfaceName,
        routerId,
        priority,
        advertInt,
        vips,
        unicastSrcIp,
        peers,
        authentication,
        trackHaproxy,
        notify,
        failback,
        nopreempt,
        preemptDelay,
        garp,
        f.origin());
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
    LvsService lvs = null;
    if (f.has("port") || f.has("real_server")) {
      lvs = lvsService(f);
    } else {
      for (String lvsKey : LVS_KEYS) {
        if (f.has(lvsKey)) {
          f.node(lvsKey);
          f.error(
              lvsKey,
              "LVS settings need a virtual server port",
              "add 'port:' (and real_server entries) to this VIP, or remove " + lvsKey);
        }
      }
    }
    return f.complete() ? new VirtualIp(ip, cidr, lvs, f.origin()) : null;
  }

  /** The LVS virtual server of a VIP's mapping, or {@code null} when its port cannot be read. */
  private LvsService lvsService(Fields f) {
    Integer port = f.requiredInteger("port", LvsService.PORT);
    Integer delayLoop = f.integer("delay_loop", 10, LvsService.DELAY_LOOP);
    String scheduler = f.text("lb_algo", "rr", LVS_SCHEDULER);
    String forwarding = f.text("lb_kind", "DR", LVS_FORWARDING);
    Integer persistenceTimeout =
        f.integer("persistence_timeout", null, LvsService.PERSISTENCE_TIMEOUT);
    String protocol = f.text("protocol", "TCP", LVS_PROTOCOL);
    List<RealServer> realServers = f.list("real_server", rs -> realServer(rs, port));
    if (port == null) {
      return null;
    }
    return new LvsService(
        port, delayLoop, scheduler, forwarding, persistenceTimeout, protocol, realServers);
  }

  private static RealServer realServer(Fields f, Integer virtualPort) {
    String ip = f.requiredText("ip", Format.IP);
    Integer port = f.integer("port", virtualPort, LvsService.PORT);
    Integer weight = f.integer("weight", 1, RealServer.WEIGHT);
    return f.complete() && port != null ? new RealServer(ip, port, weight, f.origin()) : null;
  }
}
