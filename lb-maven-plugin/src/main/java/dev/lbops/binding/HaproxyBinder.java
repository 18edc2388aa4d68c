package dev.lbops.binding;

import dev.lbops.core.ServerCredentials;
import dev.lbops.model.Backend;
import dev.lbops.model.Cache;
import dev.lbops.model.Certificate;
import dev.lbops.model.Directive;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HaproxyDefaults;
import dev.lbops.model.HaproxyGlobal;
import dev.lbops.model.HttpErrors;
import dev.lbops.model.Listen;
import dev.lbops.model.Peers;
import dev.lbops.model.Resolvers;
import dev.lbops.model.RuntimeApi;
import dev.lbops.model.Stats;
import dev.lbops.model.Timeout;
import dev.lbops.model.Userlist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the HAProxy module of a host's CMDB into its {@link HaproxyConfig}; the proxies are read by
 * {@link ProxyBinder}, the stats page by {@link StatsBinder}. Every line a key writes by default is
 * documented, and written empty ({@code ~}, {@code ''}, {@code []}) the key leaves it out.
 */
final class HaproxyBinder {

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
  private static final Format RUNTIME_API_LEVEL =
      Format.oneOf("a runtime API level", List.of("user", "operator", "admin"));
  private static final Format PROXY_MODE = Format.oneOf("a proxy mode", List.of("http", "tcp"));

  private final SettingsServers servers;
  private final HaproxySectionsBinder sections;

  HaproxyBinder(SettingsServers servers) {
    this.servers = servers;
    this.sections = new HaproxySectionsBinder(servers);
  }

  HaproxyConfig bind(Fields top) {
    List<String> packages = top.texts("package", List.of("haproxy"), Format.PACKAGE);
    HaproxyGlobal global = global(top.mapping("haproxy_global"));
    Integer maxconn = top.removableInteger("maxconn", 4096, HaproxyConfig.MAXCONN);
    String user = account(top, "haproxy_user", global.uid() != null);
    String group = account(top, "haproxy_group", global.gid() != null);
    HaproxyDefaults defaults = defaults(top.mapping("haproxy_defaults"));
    List<Timeout> timeouts = timeouts(top);
    List<RuntimeApi> runtimeSockets = runtimeSockets(top);
    Stats stats = new StatsBinder(servers).stats(top.mapping("stats"));
    List<Frontend> frontends = top.list("frontends", ProxyBinder::frontend);
    List<Backend> backends = top.list("backends", ProxyBinder::backend);
    List<Listen> listens = top.list("listen", ProxyBinder::listen);
    List<Userlist> userlists = top.list("userlists", this::userlist);
    Peers peers = HaproxySectionsBinder.peers(top);
    List<Resolvers> resolvers = HaproxySectionsBinder.resolvers(top);
    List<Certificate> certificates = sections.certificates(top);
    List<Cache> caches = top.list("caches", HaproxyBinder::cache);
    List<HttpErrors> httpErrors = top.list("http_errors", HaproxyBinder::httpErrors);
    return new HaproxyConfig(
        packages,
        maxconn,
        user,
        group,
        global,
        defaults,
        timeouts,
        runtimeSockets,
        stats,
        frontends,
        backends,
        listens,
        userlists,
        caches,
        httpErrors,
        top.origin(),
        peers,
        resolvers,
        certificates);
  }

  /**
   * {@code haproxy_user} or {@code haproxy_group}: {@code haproxy} by default, none when written
   * empty, and none by default when the numeric id is given instead.
   */
  private static String account(Fields top, String key, boolean numericIdGiven) {
    return top.removableText(key, numericIdGiven ? "" : "haproxy", Format.ACCOUNT);
  }

  private static HaproxyGlobal global(Fields f) {
    if (f == null) {
      return HaproxyGlobal.DEFAULTS;
    }
    Integer nbthread = f.integer("nbthread", null, HaproxyGlobal.NBTHREAD);
    List<String> logTargets =
        f.removableTexts("log", HaproxyGlobal.DEFAULT_LOG_TARGETS, Format.HAPROXY_LINE);
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
            f.text("ssl_default_bind_ciphers", "", Format.CIPHERS),
            f.text("ssl_default_bind_options", "", Format.WORDS),
            f.removableBool("daemon", true),
            f.integer("uid", null, HaproxyGlobal.ID),
            f.integer("gid", null, HaproxyGlobal.ID),
            f.removableText("stats_timeout", HaproxyGlobal.DEFAULT_STATS_TIMEOUT, Format.TIME),
            DirectiveKeys.read(f, DirectiveKeys.GLOBAL_PROCESS, 'G'),
            DirectiveKeys.read(f, DirectiveKeys.GLOBAL_SSL, 'G'),
            f.freeLines("lines", Format.HAPROXY_LINE),
            f.origin());
    f.rejectUnknownKeys();
    return global;
  }

  /** The defaults section: {@code log global} unless written otherwise. */
  private static HaproxyDefaults defaults(Fields f) {
    if (f == null) {
      return HaproxyDefaults.DEFAULTS;
    }
    String name = f.text("name", "", Format.NAME);
    String mode = f.text("mode", "", PROXY_MODE);
    List<Directive> settings = new ArrayList<>();
    if (!f.has("log")) {
      settings.addAll(HaproxyDefaults.DEFAULTS.settings());
    }
    settings.addAll(
        DirectiveKeys.read(
            f,
            DirectiveKeys.in(DirectiveKeys.PROXY_SETTINGS, 'D').stream()
                .filter(key -> !key.key().equals("timeout"))
                .toList(),
            'D'));
    HaproxyDefaults defaults =
        new HaproxyDefaults(
            name,
            mode,
            settings,
            DirectiveKeys.read(f, DirectiveKeys.PROXY_RULES, 'D'),
            f.freeLines("lines", Format.HAPROXY_LINE),
            f.origin());
    f.rejectUnknownKeys();
    return defaults;
  }

  private static List<Timeout> timeouts(Fields top) {
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
    if (top.cleared("timeouts")) {
      return List.of();
    }
    Fields f = top.mapping("timeouts");
    if (f != null) {
      for (String name : TIMEOUT_NAMES) {
        String value = f.removableText(name, values.get(name), Format.TIME);
        values.put(name, value == null || value.isEmpty() ? null : value);
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

  /**
   * The runtime API sockets: one at {@code /run/haproxy/admin.sock} by default, none when {@code
   * runtime_api} is written empty; a mapping for one socket or a list of them.
   */
  private static List<RuntimeApi> runtimeSockets(Fields top) {
    if (!top.has("runtime_api")) {
      top.node("runtime_api");
      return List.of(
          new RuntimeApi("/run/haproxy/admin.sock", "660", "admin", "", "", "listeners"));
    }
    if (top.cleared("runtime_api")) {
      return List.of();
    }
    return top.oneOrList("runtime_api", HaproxyBinder::runtimeSocket);
  }

  /** One socket, or {@code null} when {@code enabled: false}. */
  private static RuntimeApi runtimeSocket(Fields f) {
    boolean enabled = f.bool("enabled", true);
    RuntimeApi api =
        new RuntimeApi(
            f.text("path", "/run/haproxy/admin.sock", Format.SOCKET),
            f.removableText("mode", "660", Format.FILE_MODE),
            f.removableText("level", "admin", RUNTIME_API_LEVEL),
            f.text("user", "", Format.ACCOUNT),
            f.text("group", "", Format.ACCOUNT),
            exposeFd(f));
    return enabled ? api : null;
  }

  /** {@code expose_fd}: {@code listeners} (the default), or false or empty for none. */
  private static String exposeFd(Fields f) {
    if (!f.has("expose_fd")) {
      f.node("expose_fd");
      return "listeners";
    }
    if (f.cleared("expose_fd")) {
      return "";
    }
    String written = f.text("expose_fd", "listeners", Format.WORDS);
    return switch (written.toLowerCase()) {
      case "false", "no", "off", "0" -> "";
      case "true", "yes", "on", "1", "listeners" -> "listeners";
      default -> {
        f.error(
            "expose_fd",
            "'" + written + "' is not what expose-fd exposes",
            "write 'listeners', or false to leave expose-fd out");
        yield "listeners";
      }
    };
  }

  private Userlist userlist(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Userlist.User> users = f.list("users", this::user);
    List<FreeLine> lines = f.freeLines("lines", Format.HAPROXY_LINE);
    return f.complete() ? new Userlist(name, users, lines, f.origin()) : null;
  }

  /** A user, or {@code null} when its settings.xml server cannot give a name and password. */
  private Userlist.User user(Fields f) {
    String serverId = f.requiredText("server_id", Format.SERVER_ID);
    Optional<ServerCredentials> server =
        serverId == null
            ? Optional.empty()
            : servers.server(f, "server_id", serverId, "a userlist user");
    if (server.isEmpty()) {
      return null;
    }
    if (server.get().username().isEmpty()
        || server.get().password() == null
        || !Format.ACCOUNT.accepts().test(server.get().username())) {
      f.error(
          "server_id",
          "settings.xml server '" + serverId + "' needs a plain username and a password",
          "give that server a <username> such as 'ops' and a <password> (a crypt hash starting with $ is kept hashed)");
      return null;
    }
    return new Userlist.User(
        server.get().username(), server.get().password(), serverId, f.origin());
  }

  // ------------------------------------------------------------------ cache and http-errors

  private static Cache cache(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    Integer totalMaxSize = f.integer("total_max_size", null, Cache.TOTAL_MAX_SIZE);
    Integer maxObjectSize = f.integer("max_object_size", null, Cache.SIZE);
    Integer maxAge = f.integer("max_age", null, Cache.SIZE);
    Boolean processVary = f.has("process_vary") ? f.bool("process_vary", false) : null;
    Integer maxSecondaryEntries = f.integer("max_secondary_entries", null, Cache.SIZE);
    List<FreeLine> lines = f.freeLines("lines", Format.HAPROXY_LINE);
    return f.complete()
        ? new Cache(
            name,
            totalMaxSize,
            maxObjectSize,
            maxAge,
            processVary,
            maxSecondaryEntries,
            lines,
            f.origin())
        : null;
  }

  private static HttpErrors httpErrors(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Directive> errorfiles =
        DirectiveKeys.read(
            f,
            DirectiveKeys.in(DirectiveKeys.PROXY_SETTINGS, 'D').stream()
                .filter(key -> key.key().equals("errorfile"))
                .toList(),
            'D');
    List<FreeLine> lines = f.freeLines("lines", Format.HAPROXY_LINE);
    return f.complete() ? new HttpErrors(name, errorfiles, lines, f.origin()) : null;
  }
}
