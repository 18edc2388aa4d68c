package dev.lbops.binding;

import dev.lbops.core.Addresses;
import dev.lbops.model.Acl;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Directive;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Frontend;
import dev.lbops.model.Listen;
import dev.lbops.model.Server;
import dev.lbops.model.UseBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads HAProxy's proxies: frontends, backends, listen sections, their binds and servers. */
final class ProxyBinder {

  private static final Format PROXY_MODE = Format.oneOf("a proxy mode", List.of("http", "tcp"));
  private static final Pattern BIND =
      Pattern.compile("(\\*|\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]*):(\\d{1,5})(?:\\s+(.*))?");
  private static final Pattern DESTINATION =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+)(?::(\\d{1,5}))?");

  private ProxyBinder() {}

  static Frontend frontend(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Bind> binds = requiredBinds(f);
    String mode = f.text("mode", "", PROXY_MODE);
    String defaultBackend = f.text("default_backend", "", Format.NAME);
    List<Acl> acls = f.list("acl", ProxyBinder::acl);
    List<UseBackend> useBackends = f.list("use_backend", ProxyBinder::useBackend);
    List<Directive> settings = DirectiveKeys.read(f, DirectiveKeys.PROXY_SETTINGS, 'F');
    List<FreeLine> lines = new ArrayList<>(f.freeLines("options", Format.HAPROXY_LINE));
    lines.addAll(f.freeLines("lines", Format.HAPROXY_LINE));
    List<Directive> rules = DirectiveKeys.read(f, DirectiveKeys.PROXY_RULES, 'F');
    if (!f.complete()) {
      return null;
    }
    return new Frontend(
        name, binds, mode, defaultBackend, acls, useBackends, settings, lines, rules, f.origin());
  }

  private static Acl acl(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String criterion = f.requiredText("criterion", Format.HAPROXY_LINE);
    return f.complete() ? new Acl(name, criterion) : null;
  }

  private static UseBackend useBackend(Fields f) {
    String backend = f.requiredText("backend", Format.NAME);
    String condition = f.text("if", "", Format.HAPROXY_LINE);
    return f.complete() ? new UseBackend(backend, condition, f.origin()) : null;
  }

  static Listen listen(Fields f) {
    List<Bind> binds = requiredBinds(f);
    Backend proxy = proxy(f, 'L');
    return proxy == null ? null : new Listen(binds, proxy);
  }

  static Backend backend(Fields f) {
    return proxy(f, 'B');
  }

  /** A backend ({@code section} B) or the proxy half of a listen section (L). */
  private static Backend proxy(Fields f, char section) {
    String name = f.requiredText("name", Format.NAME);
    String balance = f.text("balance", "", Format.HAPROXY_LINE);
    boolean sendClientIp = f.bool("send_client_ip", false);
    String mode = f.text("mode", "", PROXY_MODE);
    List<FreeLine> httpLines = f.freeLines("http", Format.HAPROXY_LINE);
    List<FreeLine> tcpLines = f.freeLines("tcp", Format.HAPROXY_LINE);
    List<Server> servers = f.list("server", ProxyBinder::server);
    List<Directive> settings = DirectiveKeys.read(f, DirectiveKeys.PROXY_SETTINGS, section);
    List<Acl> acls = f.list("acl", ProxyBinder::acl);
    List<FreeLine> lines = f.freeLines("lines", Format.HAPROXY_LINE);
    List<Directive> rules = DirectiveKeys.read(f, DirectiveKeys.PROXY_RULES, section);
    if (!f.complete()) {
      return null;
    }
    return new Backend(
        name,
        balance,
        sendClientIp,
        mode,
        httpLines,
        tcpLines,
        servers,
        settings,
        acls,
        lines,
        rules,
        f.origin());
  }

  /** A server, or {@code null} when its name or destination cannot be read. */
  private static Server server(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String dst = f.requiredText("dst", Format.HAPROXY_LINE);
    String options = f.text("options", "", Format.HAPROXY_LINE);
    if (dst == null) {
      return null;
    }
    Matcher m = DESTINATION.matcher(dst);
    String address = m.matches() ? unbracket(m.group(1)) : "";
    boolean portless = m.matches() && m.group(2) == null;
    int port = m.matches() && !portless ? Integer.parseInt(m.group(2)) : 0;
    if (!m.matches()
        || !portless && (port < 1 || port > 65535)
        || !(Addresses.isIp(address) || Addresses.isHostName(address))) {
      f.error(
          "dst",
          "'" + dst + "' is not ADDRESS:PORT",
          "write e.g. 198.18.1.11:80 or www01.example.org:80 (or an address alone: the client's"
              + " port is kept)");
      return null;
    }
    return f.complete() ? new Server(name, address, port, options, f.origin()) : null;
  }

  private static List<Bind> requiredBinds(Fields f) {
    if (!f.has("bind")) {
      f.node("bind");
      f.error("bind", "required key 'bind' is missing", "add e.g. bind: '*:80'");
      return List.of();
    }
    return binds(f, List.of());
  }

  /**
   * The {@code bind} lines of a proxy or the stats page, {@code fallback} when absent; a line that
   * is not an address and port is reported and left out.
   */
  static List<Bind> binds(Fields f, List<String> fallback) {
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
      binds.add(new Bind(address.isEmpty() ? "*" : address, port, options, text));
    }
    return binds;
  }

  private static String unbracket(String address) {
    return address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
  }
}
