package dev.lbops.binding;

import dev.lbops.model.Acl;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
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

  private ProxyBinder() {}

  static Frontend frontend(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    List<Bind> binds = requiredBinds(f);
    String mode = f.text("mode", "", PROXY_MODE);
    String defaultBackend = f.text("default_backend", "", Format.NAME);
    List<Acl> acls = f.list("acl", ProxyBinder::acl);
    List<UseBackend> useBackends = f.list("use_backend", ProxyBinder::useBackend);
    List<String> options = f.texts("options", List.of(), Format.HAPROXY_LINE);
    return new Frontend(name, binds, mode, defaultBackend, acls, useBackends, options, f.origin());
  }

  private static Acl acl(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String criterion = f.requiredText("criterion", Format.HAPROXY_LINE);
    return new Acl(name, criterion);
  }

  private static UseBackend useBackend(Fields f) {
    String backend = f.requiredText("backend", Format.NAME);
    String condition = f.text("if", "", Format.HAPROXY_LINE);
    return new UseBackend(backend, condition, f.origin());
  }

  static Listen listen(Fields f) {
    List<Bind> binds = requiredBinds(f);
    return new Listen(binds, backend(f));
  }

  static Backend backend(Fields f) {
    String name = f.requiredText("name", Format.NAME);
    String balance = f.text("balance", "", Format.HAPROXY_LINE);
    if (!balance.isEmpty() && !BALANCE_ALGORITHMS.contains(balance.split("[\\s(]")[0])) {
      f.error(
          "balance",
          "unknown balance algorithm '" + balance + "'",
          Suggestions.didYouMean(balance.split("[\\s(]")[0], BALANCE_ALGORITHMS));
    }
    boolean sendClientIp = f.bool("send_client_ip", false);
    String mode = f.text("mode", "", PROXY_MODE);
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
    List<Server> servers = f.list("server", ProxyBinder::server);
    return new Backend(name, balance, sendClientIp, mode, modeLines, servers, f.origin());
  }

  private static Server server(Fields f) {
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
   * is not an address and port, or uses ssl without a certificate, is reported and left out.
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

  private static String unbracket(String address) {
    return address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
  }
}
