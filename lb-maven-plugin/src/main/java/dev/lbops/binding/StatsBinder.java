package dev.lbops.binding;

import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.model.Bind;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Stats;
import java.util.List;
import java.util.Optional;

/**
 * Reads HAProxy's statistics page ({@code stats}): in a frontend of its own or attached to a
 * frontend or listen section, with credentials from {@code settings.xml} or none, and the lines a
 * page is shaped by ({@code stats refresh}, {@code monitor-uri}, the Prometheus exporter...).
 */
final class StatsBinder {

  /** What {@code flags} may name, each written as {@code stats <flag>}. */
  static final List<String> FLAGS =
      List.of("enable", "hide-version", "show-legends", "show-modules", "show-node", "show-desc");

  private static final Format FLAG =
      new Format(
          "a stats keyword",
          "write one of " + String.join(", ", FLAGS) + " (show-node and show-desc take a text)",
          value ->
              FLAGS.contains(value.split(" ", 2)[0]) && Format.HAPROXY_LINE.check(value).isEmpty(),
          "is not a stats keyword written alone");

  private final SettingsServers servers;

  StatsBinder(SettingsServers servers) {
    this.servers = servers;
  }

  /** The stats page, or {@code null} when it is off or its credentials cannot be read. */
  Stats stats(Fields f) {
    if (f == null) {
      return null;
    }
    boolean enabled = f.bool("enabled", false);
    String name = f.text("name", "stats", Format.NAME);
    String attachTo = f.text("attach_to", "", Format.NAME);
    List<Bind> binds = ProxyBinder.binds(f, attachTo.isEmpty() ? List.of("*:8081") : List.of());
    String mode =
        f.removableText("mode", "http", Format.oneOf("a proxy mode", List.of("http", "tcp")));
    String uri = f.removableText("uri", "/", Format.URI_PATH);
    boolean admin = f.bool("admin", false);
    String serverId = f.text("server_id", "", Format.SERVER_ID);
    List<String> flags = f.removableTexts("flags", List.of("enable"), FLAG);
    String realm = f.text("realm", "", Format.HAPROXY_LINE);
    String refresh = f.text("refresh", "", Format.TIME);
    String monitorUri = f.text("monitor_uri", "", Format.URI_PATH);
    String prometheus = f.text("prometheus", "", Format.URI_PATH);
    List<FreeLine> lines = f.freeLines("lines", Format.HAPROXY_LINE);
    f.rejectUnknownKeys();
    if (!enabled) {
      return null;
    }
    String username = "";
    Secret password = null;
    if (!serverId.isEmpty()) {
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
      username = server.get().username();
      password = server.get().password();
    }
    return new Stats(
        name,
        attachTo,
        binds,
        attachTo.isEmpty() ? mode : "",
        uri,
        admin,
        serverId,
        username,
        password,
        flags,
        realm,
        refresh,
        monitorUri,
        prometheus,
        lines,
        f.origin());
  }
}
