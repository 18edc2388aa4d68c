package dev.lbops.binding;

import dev.lbops.core.ServerCredentials;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HaproxyGlobal;
import dev.lbops.model.Listen;
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
 * {@link ProxyBinder}.
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

  private final SettingsServers servers;

  HaproxyBinder(SettingsServers servers) {
    this.servers = servers;
  }

  HaproxyConfig bind(Fields top) {
    List<String> packages = top.texts("package", List.of("haproxy"), Format.PACKAGE);
    int maxconn = top.integer("maxconn", 4096, HaproxyConfig.MAXCONN);
    String user = top.text("haproxy_user", "haproxy", Format.ACCOUNT);
    String group = top.text("haproxy_group", "haproxy", Format.ACCOUNT);
    HaproxyGlobal global = global(top.mapping("haproxy_global"));
    List<Timeout> timeouts = timeouts(top);
    RuntimeApi runtimeApi = runtimeApi(top.mapping("runtime_api"));
    Stats stats = stats(top.mapping("stats"));
    List<Frontend> frontends = top.list("frontends", ProxyBinder::frontend);
    List<Backend> backends = top.list("backends", ProxyBinder::backend);
    List<Listen> listens = top.list("listen", ProxyBinder::listen);
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

  private static HaproxyGlobal global(Fields f) {
    if (f == null) {
      return HaproxyGlobal.DEFAULTS;
    }
    Integer nbthread = f.integer("nbthread", null, HaproxyGlobal.NBTHREAD);
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
            f.text("ssl_default_bind_options", "", Format.HAPROXY_LINE),
            f.origin());
    f.rejectUnknownKeys();
    return global;
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

  private static RuntimeApi runtimeApi(Fields f) {
    if (f == null) {
      return new RuntimeApi("/run/haproxy/admin.sock", "660", "admin");
    }
    boolean enabled = f.bool("enabled", true);
    RuntimeApi api =
        new RuntimeApi(
            f.text("path", "/run/haproxy/admin.sock", Format.ABSOLUTE_PATH),
            f.text("mode", "660", Format.FILE_MODE),
            f.text("level", "admin", RUNTIME_API_LEVEL));
    f.rejectUnknownKeys();
    return enabled ? api : null;
  }

  /** The stats page, or {@code null} when it is off or its credentials cannot be read. */
  private Stats stats(Fields f) {
    if (f == null) {
      return null;
    }
    boolean enabled = f.bool("enabled", false);
    List<Bind> binds = ProxyBinder.binds(f, List.of("*:8081"));
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
        servers.server(f, "server_id", serverId, "the stats page credentials");
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
        server.get().password(),
        f.origin());
  }

  private Userlist userlist(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Userlist.User> users = f.list("users", this::user);
    return f.complete() ? new Userlist(name, users) : null;
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
}
