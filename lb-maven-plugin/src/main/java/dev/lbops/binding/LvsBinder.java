package dev.lbops.binding;

import dev.lbops.model.FreeLine;
import dev.lbops.model.LvsCheck;
import dev.lbops.model.LvsService;
import dev.lbops.model.LvsVirtualServer;
import dev.lbops.model.Range;
import dev.lbops.model.RealServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LVS virtual servers: on a VIP (a VIP with a {@code port}), or on an address of their own
 * ({@code virtual_servers}), with their real servers and health checkers. Each setting with a
 * default writes it unless written empty.
 */
final class LvsBinder {

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
  private static final Format SORRY_SERVER =
      new Format(
          "an address and port",
          "write the address and the port, such as '198.18.1.200 80'",
          value -> {
            String[] parts = value.split(" ", -1);
            return parts.length == 2
                && Format.IP.check(parts[0]).isEmpty()
                && parts[1].matches("\\d{1,5}");
          },
          "is not ADDRESS PORT");

  private static final Range HTTP_STATUS = new Range(100, 599);

  private static final String REAL_SERVERS_ALIAS = "real_servers";

  /** The keys of a VIP that belong to its LVS virtual server. */
  private static final List<String> LVS_KEYS =
      List.of(
          "delay_loop",
          "lb_algo",
          "lb_kind",
          "persistence_timeout",
          "protocol",
          "sorry_server",
          "lines");

  private LvsBinder() {}

  /** The LVS virtual server of a VIP's mapping, or {@code null} when it has no port. */
  static LvsService onVip(Fields f) {
    if (f.has("port") || f.has("real_server") || f.has(REAL_SERVERS_ALIAS)) {
      return service(f);
    }
    for (String lvsKey : LVS_KEYS) {
      if (f.has(lvsKey)) {
        f.node(lvsKey);
        f.error(
            lvsKey,
            "LVS settings need a virtual server port",
            "add 'port:' (and real_server entries) to this VIP, or remove " + lvsKey);
      }
    }
    return null;
  }

  /** A virtual server on an address of its own, or {@code null} when it cannot be read. */
  static LvsVirtualServer virtualServer(Fields f) {
    String ip = f.requiredText("ip", Format.IP);
    LvsService service = service(f);
    return f.complete() && service != null ? new LvsVirtualServer(ip, service, f.origin()) : null;
  }

  /** The virtual server of a mapping, or {@code null} when its port cannot be read. */
  private static LvsService service(Fields f) {
    Integer port = f.requiredInteger("port", LvsService.PORT);
    Integer delayLoop = f.removableInteger("delay_loop", 10, LvsService.DELAY_LOOP);
    String scheduler = f.removableText("lb_algo", "rr", LVS_SCHEDULER);
    String forwarding = f.removableText("lb_kind", "DR", LVS_FORWARDING);
    Integer persistenceTimeout =
        f.integer("persistence_timeout", null, LvsService.PERSISTENCE_TIMEOUT);
    String protocol = f.removableText("protocol", "TCP", LVS_PROTOCOL);
    String sorryServer = f.text("sorry_server", "", SORRY_SERVER);
    List<RealServer> realServers = f.list(realServersKey(f), rs -> realServer(rs, port));
    List<FreeLine> lines = f.freeLines("lines", Format.KEEPALIVED_LINE);
    if (port == null) {
      return null;
    }
    return new LvsService(
        port,
        delayLoop,
        scheduler,
        forwarding,
        persistenceTimeout,
        protocol,
        sorryServer,
        realServers,
        lines,
        f.origin());
  }

  /**
   * Where a virtual server lists its real servers: {@code real_server}, or the reference's {@code
   * real_servers} (its template tests that key but loops over the other), accepted with a warning.
   */
  private static String realServersKey(Fields f) {
    if (!f.has(REAL_SERVERS_ALIAS)) {
      f.node(REAL_SERVERS_ALIAS);
      return "real_server";
    }
    f.node(REAL_SERVERS_ALIAS);
    if (f.has("real_server")) {
      f.error(
          REAL_SERVERS_ALIAS,
          "both 'real_server' and its alias 'real_servers' are written",
          "keep one list, under 'real_server'");
      return "real_server";
    }
    f.warning(
        REAL_SERVERS_ALIAS,
        "'real_servers' is the reference's name for 'real_server': read as 'real_server'",
        "rename it to 'real_server'");
    return REAL_SERVERS_ALIAS;
  }

  /**
   * A real server with its checkers: {@code tcp_check} (connect_timeout 3 on the real server's
   * port) unless a checker is written; none when {@code tcp_check} is written empty.
   */
  private static RealServer realServer(Fields f, Integer virtualPort) {
    String ip = f.requiredText("ip", Format.IP);
    Integer port = f.integer("port", virtualPort, LvsService.PORT);
    Integer weight = f.removableInteger("weight", 1, RealServer.WEIGHT);
    List<LvsCheck> checks = new ArrayList<>();
    boolean anyWritten = false;
    for (String key : LvsCheck.KEYS) {
      anyWritten |= f.has(key);
      if (f.has(key) && !f.cleared(key)) {
        checks.addAll(f.oneOrList(key, check -> check(check, key.toUpperCase(), port)));
      }
    }
    if (!anyWritten && port != null) {
      checks.add(
          new LvsCheck(
              "TCP_CHECK", 3, port, null, null, List.of(), "", null, false, List.of(), f.origin()));
    }
    List<FreeLine> lines = f.freeLines("lines", Format.KEEPALIVED_LINE);
    return f.complete() && port != null
        ? new RealServer(ip, port, weight, checks, lines, f.origin())
        : null;
  }

  private static LvsCheck check(Fields f, String kind, Integer realPort) {
    boolean http = kind.equals("HTTP_GET") || kind.equals("SSL_GET");
    boolean misc = kind.equals("MISC_CHECK");
    boolean tcp = kind.equals("TCP_CHECK");
    Integer connectTimeout =
        misc ? null : f.removableInteger("connect_timeout", tcp ? 3 : null, LvsCheck.SMALL);
    Integer connectPort =
        misc ? null : f.removableInteger("connect_port", tcp ? realPort : null, LvsService.PORT);
    Integer retry = f.integer("retry", null, LvsCheck.SMALL);
    Integer delayBeforeRetry = f.integer("delay_before_retry", null, LvsCheck.SMALL);
    List<LvsCheck.Url> urls = http ? f.list("url", LvsBinder::url) : List.of();
    String miscPath = misc ? f.requiredText("misc_path", Format.SCRIPT) : "";
    Integer miscTimeout = misc ? f.integer("misc_timeout", null, LvsCheck.SMALL) : null;
    boolean miscDynamic = misc && f.bool("misc_dynamic", false);
    List<FreeLine> lines = f.freeLines("lines", Format.KEEPALIVED_LINE);
    if (!f.complete()) {
      return null;
    }
    return new LvsCheck(
        kind,
        connectTimeout,
        connectPort,
        retry,
        delayBeforeRetry,
        urls,
        miscPath == null ? "" : miscPath,
        miscTimeout,
        miscDynamic,
        lines,
        f.origin());
  }

  private static LvsCheck.Url url(Fields f) {
    String path = f.requiredText("path", Format.URI_PATH);
    String digest = f.text("digest", "", Format.DIGEST);
    Integer statusCode = f.integer("status_code", null, HTTP_STATUS);
    return f.complete() ? new LvsCheck.Url(path, digest, statusCode) : null;
  }
}
