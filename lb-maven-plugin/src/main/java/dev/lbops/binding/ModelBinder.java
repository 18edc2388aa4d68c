package dev.lbops.binding;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.ResolvedCmdb;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import dev.lbops.model.Acl;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Frontend;
import dev.lbops.model.Garp;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HaproxyGlobal;
import dev.lbops.model.HostConfig;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.LvsService;
import dev.lbops.model.NotifyScripts;
import dev.lbops.model.RealServer;
import dev.lbops.model.RuntimeApi;
import dev.lbops.model.Server;
import dev.lbops.model.Stats;
import dev.lbops.model.Timeout;
import dev.lbops.model.UseBackend;
import dev.lbops.model.Userlist;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpAuthentication;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds one host's typed model from its resolved CMDB, checking each value's type, range and
 * syntax. Keys are those of the reference Rex modules plus the modern ones; a key may be scoped to
 * its module as {@code HAProxy::maxconn} or {@code Keepalived::package}.
 */
public final class ModelBinder {

  static final String KEEPALIVED = "Keepalived";
  static final String HAPROXY = "HAProxy";

  static final Set<String> KEEPALIVED_KEYS =
      Set.of("package", "keepalived_router_id", "lvs_id", "vrrp_sync_group_name", "vrrp_instances");
  static final Set<String> HAPROXY_KEYS =
      Set.of(
          "package",
          "maxconn",
          "haproxy_user",
          "haproxy_group",
          "haproxy_global",
          "timeouts",
          "contimeout",
          "clitimeout",
          "srvtimeout",
          "runtime_api",
          "stats",
          "frontends",
          "backends",
          "listen",
          "userlists");
  private static final Map<String, String> LEGACY_TIMEOUTS =
      Map.of("contimeout", "connect", "clitimeout", "client", "srvtimeout", "server");
  private static final Map<String, String> DEFAULT_TIMEOUTS =
      Map.of("connect", "5000", "client", "50000", "server", "50000");
  private static final List<String> TIMEOUT_NAMES =
      List.of(
          "connect",
          "client",
          "server",
          "http-request",
          "http-keep-alive",
          "queue",
          "check",
          "tunnel",
          "client-fin",
          "server-fin");
  private static final List<String> BALANCE_ALGORITHMS =
      List.of(
          "roundrobin",
          "static-rr",
          "leastconn",
          "first",
          "source",
          "uri",
          "url_param",
          "hdr",
          "random",
          "rdp-cookie",
          "hash");
  private static final Pattern BIND =
      Pattern.compile("(\\*|\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]*):(\\d{1,5})(?:\\s+(.*))?");
  private static final Pattern DESTINATION =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");

  private final CredentialSource credentials;

  public ModelBinder(CredentialSource credentials) {
    this.credentials = credentials;
  }

  /** Binds the host's model, adding every problem found to {@code problems}. */
  public HostConfig bind(Host host, ResolvedCmdb cmdb, List<Problem> problems) {
    rejectUnknownTopLevelKeys(host, cmdb.merged(), problems);
    KeepalivedConfig keepalived =
        keepalived(new Fields(moduleView(cmdb.merged(), KEEPALIVED), "", host.name(), problems));
    HaproxyConfig haproxy =
        haproxy(new Fields(moduleView(cmdb.merged(), HAPROXY), "", host.name(), problems));
    return new HostConfig(host, keepalived, haproxy, cmdb.directory(), cmdb.files());
  }

  /** The keys one module sees: plain keys, overridden by those scoped {@code Module::key}. */
  static Mapping moduleView(Mapping merged, String module) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    merged
        .entries()
        .forEach(
            (key, entry) -> {
              if (!key.contains("::")) {
                entries.put(key, entry);
              }
            });
    String prefix = module + "::";
    merged
        .entries()
        .forEach(
            (key, entry) -> {
              if (key.startsWith(prefix)) {
                String plain = key.substring(prefix.length());
                entries.put(plain, new Entry(plain, entry.keyLocation(), entry.value()));
              }
            });
    return new Mapping(entries, merged.location());
  }

  private static void rejectUnknownTopLevelKeys(Host host, Mapping merged, List<Problem> problems) {
    Set<String> known = new TreeSet<>(KEEPALIVED_KEYS);
    known.addAll(HAPROXY_KEYS);
    for (Entry entry : merged.entries().values()) {
      String key = entry.key();
      int scope = key.indexOf("::");
      if (scope < 0) {
        if (!known.contains(key)) {
          problems.add(
              Problem.error(
                  entry.keyLocation(),
                  host.name(),
                  key,
                  "unknown key '" + key + "'",
                  Suggestions.didYouMean(key, known)));
        }
        continue;
      }
      String module = key.substring(0, scope);
      String plain = key.substring(scope + 2);
      Set<String> moduleKeys =
          switch (module) {
            case KEEPALIVED -> KEEPALIVED_KEYS;
            case HAPROXY -> HAPROXY_KEYS;
            default -> null;
          };
      if (moduleKeys == null) {
        problems.add(
            Problem.error(
                entry.keyLocation(),
                host.name(),
                key,
                "unknown module '" + module + "'",
                Suggestions.didYouMean(module, List.of(KEEPALIVED, HAPROXY))));
      } else if (!moduleKeys.contains(plain)) {
        problems.add(
            Problem.error(
                entry.keyLocation(),
                host.name(),
                key,
                "'" + plain + "' is not a key of the " + module + " module",
                Suggestions.didYouMean(plain, new TreeSet<>(moduleKeys))));
      }
    }
  }

  // ---------------------------------------------------------------- Keepalived

  private KeepalivedConfig keepalived(Fields top) {
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
    List<VrrpInstance> instances = top.list("vrrp_instances", this::vrrpInstance);
    return new KeepalivedConfig(packages, routerId, syncGroup, instances, top.origin());
  }

  private VrrpInstance vrrpInstance(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String stateText =
        f.requiredText(
            "state", Format.oneOf("a VRRP state", List.of("MASTER", "BACKUP", "master", "backup")));
    VrrpState state =
        stateText.isEmpty() ? VrrpState.BACKUP : VrrpState.valueOf(stateText.toUpperCase());
    String interfaceName = f.requiredText("interface", Format.INTERFACE);
    int routerId = f.requiredInteger("router_id", 1, 255);
    int priority = f.requiredInteger("priority", 1, 254);
    BigDecimal advertInt = f.positiveDecimal("advert_int", BigDecimal.ONE);
    List<VirtualIp> vips = f.list("virtual_ips", this::virtualIp);
    if (vips.isEmpty() && !f.has("virtual_ips")) {
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
    boolean nopreempt = f.bool("nopreempt", false);
    Integer preemptDelay = f.integer("preempt_delay", null, 0, 1000);
    Garp garp =
        new Garp(
            f.integer("garp_master_delay", null, 0, 255),
            f.integer("garp_master_repeat", null, 1, 255),
            f.integer("garp_master_refresh", null, 0, 86400));
    return new VrrpInstance(
        name,
        state,
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
        nopreempt,
        preemptDelay,
        garp,
        f.origin());
  }

  private VrrpAuthentication authentication(Fields f) {
    if (f == null) {
      return null;
    }
    String type =
        f.text("type", "PASS", Format.oneOf("an authentication type", List.of("PASS", "AH")));
    String serverId = f.requiredText("server_id", Format.SERVER_ID);
    f.rejectUnknownKeys();
    Secret password =
        serverId.isEmpty() ? null : password(f, "server_id", serverId, "the VRRP password");
    if (password != null && password.reveal().length() > 8) {
      f.error(
          "server_id",
          "Keepalived uses only the first 8 characters of a VRRP password",
          "shorten the password of server '" + serverId + "' in settings.xml to 8 characters");
    }
    return new VrrpAuthentication(type, serverId, password);
  }

  private VirtualIp virtualIp(Fields f) {
    String ip = f.requiredText("ip", Format.IP);
    int maxCidr = ip.contains(":") ? 128 : 32;
    Integer cidr = f.integer("cidr", maxCidr, 0, maxCidr);
    LvsService lvs = null;
    if (f.has("port") || f.has("real_server")) {
      int port = f.requiredInteger("port", 1, 65535);
      lvs =
          new LvsService(
              port,
              f.integer("delay_loop", 10, 1, 86400),
              f.text(
                  "lb_algo",
                  "rr",
                  Format.oneOf(
                      "an LVS scheduler",
                      List.of(
                          "rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo",
                          "ovf", "mh"))),
              f.text(
                  "lb_kind",
                  "DR",
                  Format.oneOf("an LVS forwarding method", List.of("NAT", "DR", "TUN"))),
              f.integer("persistence_timeout", null, 1, 2_000_000),
              f.text("protocol", "TCP", Format.oneOf("a protocol", List.of("TCP", "UDP", "SCTP"))),
              f.list(
                  "real_server",
                  rs ->
                      new RealServer(
                          rs.requiredText("ip", Format.IP),
                          rs.integer("port", port, 1, 65535),
                          rs.integer("weight", 1, 0, 65535))));
    } else {
      for (String lvsKey :
          List.of("delay_loop", "lb_algo", "lb_kind", "persistence_timeout", "protocol")) {
        if (f.has(lvsKey)) {
          f.node(lvsKey);
          f.error(
              lvsKey,
              "LVS settings need a virtual server port",
              "add 'port:' (and real_server entries) to this VIP, or remove " + lvsKey);
        }
      }
    }
    return new VirtualIp(ip, cidr, lvs, f.origin());
  }

  // ---------------------------------------------------------------- HAProxy

  private HaproxyConfig haproxy(Fields top) {
    List<String> packages = top.texts("package", List.of("haproxy"), Format.PACKAGE);
    int maxconn = top.integer("maxconn", 4096, 1, 10_000_000);
    String user = top.text("haproxy_user", "haproxy", Format.ACCOUNT);
    String group = top.text("haproxy_group", "haproxy", Format.ACCOUNT);
    HaproxyGlobal global = global(top.mapping("haproxy_global"));
    List<Timeout> timeouts = timeouts(top);
    RuntimeApi runtimeApi = runtimeApi(top.mapping("runtime_api"));
    Stats stats = stats(top.mapping("stats"));
    List<Frontend> frontends = top.list("frontends", this::frontend);
    List<Backend> backends = top.list("backends", this::backend);
    List<Listen> listens = top.list("listen", f -> new Listen(binds(f), backend(f)));
    List<Userlist> userlists = top.list("userlists", this::userlist);
    return new HaproxyConfig(
        packages,
        maxconn,
        user,
        group,
        global,
        timeouts,
        runtimeApi,
        stats,
        frontends,
        backends,
        listens,
        userlists,
        top.origin());
  }

  private HaproxyGlobal global(Fields f) {
    if (f == null) {
      return HaproxyGlobal.DEFAULTS;
    }
    Integer nbthread = f.integer("nbthread", null, 1, 4096);
    List<String> logTargets = f.texts("log", List.of(), Format.HAPROXY_LINE);
    List<HaproxyGlobal.Setting> tune = new ArrayList<>();
    Fields tuneFields = f.mapping("tune");
    if (tuneFields != null) {
      for (String name : tuneFields.keys()) {
        if (!Format.NAME.accepts().test(name)) {
          tuneFields.error(
              name,
              "'" + name + "' is not a tune setting name",
              "write names such as ssl.default-dh-param");
          continue;
        }
        tune.add(
            new HaproxyGlobal.Setting(
                "tune." + name, tuneFields.text(name, "", Format.KEEPALIVED_WORD)));
      }
    }
    HaproxyGlobal global =
        new HaproxyGlobal(
            nbthread,
            logTargets,
            tune,
            f.text("ssl_default_bind_ciphers", "", Format.HAPROXY_LINE),
            f.text("ssl_default_bind_options", "", Format.HAPROXY_LINE));
    f.rejectUnknownKeys();
    return global;
  }

  private List<Timeout> timeouts(Fields top) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULT_TIMEOUTS);
    LEGACY_TIMEOUTS.forEach(
        (legacy, modern) -> {
          if (top.has(legacy)) {
            values.put(modern, top.text(legacy, values.get(modern), Format.TIME));
            top.warning(
                legacy,
                "'"
                    + legacy
                    + "' is a legacy key: HAProxy 2.1+ rejects it and calls it 'timeout "
                    + modern
                    + "'",
                "write 'timeouts: {" + modern + ": ...}' instead");
          } else {
            top.node(legacy);
          }
        });
    Fields f = top.mapping("timeouts");
    if (f != null) {
      for (String name : TIMEOUT_NAMES) {
        values.put(name, f.text(name, values.get(name), Format.TIME));
      }
      f.rejectUnknownKeys();
    }
    List<Timeout> timeouts = new ArrayList<>();
    for (String name : TIMEOUT_NAMES) {
      if (values.get(name) != null) {
        timeouts.add(new Timeout(name, values.get(name)));
      }
    }
    return timeouts;
  }

  private RuntimeApi runtimeApi(Fields f) {
    if (f == null) {
      return new RuntimeApi("/run/haproxy/admin.sock", "660", "admin");
    }
    boolean enabled = f.bool("enabled", true);
    RuntimeApi api =
        new RuntimeApi(
            f.text("path", "/run/haproxy/admin.sock", Format.ABSOLUTE_PATH),
            f.text("mode", "660", Format.FILE_MODE),
            f.text(
                "level",
                "admin",
                Format.oneOf("a runtime API level", List.of("user", "operator", "admin"))));
    f.rejectUnknownKeys();
    return enabled ? api : null;
  }

  private Stats stats(Fields f) {
    if (f == null) {
      return null;
    }
    boolean enabled = f.bool("enabled", false);
    List<Bind> binds = bindList(f, List.of("*:8081"));
    String uri = f.text("uri", "/", Format.URI_PATH);
    boolean admin = f.bool("admin", false);
    String serverId = f.text("server_id", "", Format.SERVER_ID);
    f.rejectUnknownKeys();
    if (!enabled) {
      return null;
    }
    if (serverId.isEmpty()) {
      f.error(
          "server_id",
          "the stats page needs credentials and has no default password",
          "add 'server_id: <id>' naming a <server> in ~/.m2/settings.xml with username and password");
      return null;
    }
    Optional<ServerCredentials> server =
        server(f, "server_id", serverId, "the stats page credentials");
    if (server.isEmpty()) {
      return null;
    }
    if (server.get().username().isEmpty() || server.get().password() == null) {
      f.error(
          "server_id",
          "settings.xml server '"
              + serverId
              + "' needs both a username and a password for the stats page",
          "add <username> and <password> to that server");
      return null;
    }
    return new Stats(
        binds.isEmpty() ? null : binds.get(0),
        uri,
        admin,
        serverId,
        server.get().username(),
        server.get().password());
  }

  private Frontend frontend(Fields f) {
    return new Frontend(
        f.requiredText("name", Format.NAME),
        binds(f),
        f.text("mode", "", Format.oneOf("a proxy mode", List.of("http", "tcp"))),
        f.text("default_backend", "", Format.NAME),
        f.list(
            "acl",
            a ->
                new Acl(
                    a.requiredText("name", Format.NAME),
                    a.requiredText("criterion", Format.HAPROXY_LINE))),
        f.list(
            "use_backend",
            u ->
                new UseBackend(
                    u.requiredText("backend", Format.NAME),
                    u.text("if", "", Format.HAPROXY_LINE),
                    u.origin())),
        f.texts("options", List.of(), Format.HAPROXY_LINE),
        f.origin());
  }

  private List<Bind> binds(Fields f) {
    if (!f.has("bind")) {
      f.node("bind");
      f.error("bind", "required key 'bind' is missing", "add e.g. bind: '*:80'");
      return List.of();
    }
    return bindList(f, List.of());
  }

  private List<Bind> bindList(Fields f, List<String> fallback) {
    List<Bind> binds = new ArrayList<>();
    for (String text : f.texts("bind", fallback, Format.HAPROXY_LINE)) {
      Matcher m = BIND.matcher(text.strip());
      String address = m.matches() ? unbracket(m.group(1)) : null;
      int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
      if (address == null
          || port < 1
          || port > 65535
          || !(address.isEmpty() || address.equals("*") || Addresses.isIp(address))) {
        f.error(
            "bind",
            "'" + text + "' is not ADDRESS:PORT [options]",
            "write e.g. '*:80', '198.18.0.100:443 ssl crt /etc/haproxy/site.pem' or '[::]:80'");
        continue;
      }
      String options = m.group(3) == null ? "" : m.group(3).strip();
      Bind bind = new Bind(address.isEmpty() ? "*" : address, port, options);
      if (bind.isTls() && !options.matches(".*\\bcrt /\\S+.*")) {
        f.error(
            "bind",
            "'" + text + "' uses ssl without a certificate",
            "add 'crt /etc/haproxy/certs/<name>.pem' (an absolute path on the host)");
        continue;
      }
      binds.add(bind);
    }
    return binds;
  }

  private Backend backend(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String balance = f.text("balance", "", Format.HAPROXY_LINE);
    if (!balance.isEmpty() && !BALANCE_ALGORITHMS.contains(balance.split("[\\s(]")[0])) {
      f.error(
          "balance",
          "unknown balance algorithm '" + balance + "'",
          Suggestions.didYouMean(balance.split("[\\s(]")[0], BALANCE_ALGORITHMS));
    }
    boolean sendClientIp = f.bool("send_client_ip", false);
    String mode = f.text("mode", "", Format.oneOf("a proxy mode", List.of("http", "tcp")));
    List<String> modeLines = List.of();
    for (String lineKey : List.of("http", "tcp")) {
      List<String> lines = f.texts(lineKey, List.of(), Format.HAPROXY_LINE);
      if (lines.isEmpty()) {
        continue;
      }
      if (lineKey.equals(mode)) {
        modeLines = lines;
      } else {
        f.error(
            lineKey,
            "lines under '"
                + lineKey
                + "' are used only with mode: "
                + lineKey
                + " (this proxy's mode is "
                + (mode.isEmpty() ? "not set" : mode)
                + ")",
            "set 'mode: "
                + lineKey
                + "' or move the lines under '"
                + (mode.isEmpty() ? "the mode's key" : mode)
                + "'");
      }
    }
    List<Server> servers = f.list("server", this::server);
    return new Backend(name, balance, sendClientIp, mode, modeLines, servers, f.origin());
  }

  private Server server(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String dst = f.requiredText("dst", Format.HAPROXY_LINE);
    String options = f.text("options", "", Format.HAPROXY_LINE);
    Matcher m = DESTINATION.matcher(dst);
    String address = "";
    int port = 0;
    if (!dst.isEmpty()) {
      String host = m.matches() ? unbracket(m.group(1)) : "";
      int parsedPort = m.matches() ? Integer.parseInt(m.group(2)) : 0;
      if (!m.matches()
          || parsedPort < 1
          || parsedPort > 65535
          || !(Addresses.isIp(host) || Addresses.isHostName(host))) {
        f.error(
            "dst",
            "'" + dst + "' is not ADDRESS:PORT",
            "write e.g. 198.18.1.11:80 or www01.example.org:80");
      } else {
        address = host;
        port = parsedPort;
      }
    }
    return new Server(name, address, port, options, f.origin());
  }

  private Userlist userlist(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Userlist.User> users =
        f.list(
            "users",
            u -> {
              String serverId = u.requiredText("server_id", Format.SERVER_ID);
              Optional<ServerCredentials> server =
                  serverId.isEmpty()
                      ? Optional.empty()
                      : server(u, "server_id", serverId, "a userlist user");
              if (server.isEmpty()) {
                return null;
              }
              if (server.get().username().isEmpty()
                  || server.get().password() == null
                  || !Format.ACCOUNT.accepts().test(server.get().username())) {
                u.error(
                    "server_id",
                    "settings.xml server '" + serverId + "' needs a plain username and a password",
                    "give that server a <username> such as 'ops' and a <password> (a crypt hash starting with $ is kept hashed)");
                return null;
              }
              return new Userlist.User(server.get().username(), server.get().password(), serverId);
            });
    return new Userlist(name, users.stream().filter(Objects::nonNull).toList());
  }

  // ---------------------------------------------------------------- credentials

  private Secret password(Fields f, String key, String serverId, String purpose) {
    Optional<ServerCredentials> server = server(f, key, serverId, purpose);
    if (server.isPresent() && server.get().password() == null) {
      f.error(
          key,
          "settings.xml server '" + serverId + "' has no password for " + purpose,
          "add a <password> to that server (encrypt it with mvn --encrypt-password)");
      return null;
    }
    return server.map(ServerCredentials::password).orElse(null);
  }

  private Optional<ServerCredentials> server(
      Fields f, String key, String serverId, String purpose) {
    Optional<ServerCredentials> server = credentials.server(serverId);
    if (server.isEmpty()) {
      f.error(
          key,
          "no server '" + serverId + "' in settings.xml for " + purpose,
          "add <server><id>" + serverId + "</id>...</server> to ~/.m2/settings.xml");
    }
    return server;
  }

  private static String unbracket(String address) {
    return address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
  }

  /**
   * A top-level key as the binder looks it up: {@code Module::key}, or in the module it belongs to.
   */
  public static Optional<Entry> lookup(ResolvedCmdb resolved, String key) {
    int scope = key.indexOf("::");
    if (scope > 0) {
      return resolved.lookup(key.substring(0, scope), key.substring(scope + 2));
    }
    String module =
        ModelBinder.KEEPALIVED_KEYS.contains(key) ? ModelBinder.KEEPALIVED : ModelBinder.HAPROXY;
    return resolved.lookup(module, key);
  }
}
