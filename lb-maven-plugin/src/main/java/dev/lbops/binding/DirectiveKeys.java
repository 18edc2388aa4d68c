package dev.lbops.binding;

import dev.lbops.model.Directive;
import dev.lbops.model.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys that each write one kind of line, {@code keyword value}, read by one table per section:
 * the key is the keyword with '_' for '-' ({@code hard_stop_after} writes {@code hard-stop-after}).
 * A key that a section does not take is an unknown key there. Lines come out in the table's order,
 * which follows the order HAProxy processes them in (rules after settings, so none warns).
 */
final class DirectiveKeys {

  /** How a key's value becomes lines. */
  enum Shape {
    /** One text: {@code keyword text}. */
    TEXT,
    /** One whole number: {@code keyword N}. */
    NUMBER,
    /** {@code true}: the keyword alone. */
    FLAG,
    /** A text or a list of texts: one {@code keyword text} line each. */
    LIST,
    /** A mapping: one {@code keyword name value} line per entry. */
    MAP
  }

  /**
   * One key.
   *
   * @param sections the sections that take it, each a letter: D(efaults), F(rontend), L(isten),
   *     B(ackend), G(lobal), K (keepalived's global_defs)
   * @param format the format of the value (of each entry's value for a map)
   */
  record Key(String key, String keyword, Shape shape, Format format, String sections) {

    Key(String key, Shape shape, Format format, String sections) {
      this(key, key.replace('_', '-'), shape, format, sections);
    }
  }

  private static final Range COUNT = new Range(0, Integer.MAX_VALUE);

  private static final Format HTTP_REUSE =
      Format.oneOf("an http-reuse strategy", List.of("never", "safe", "aggressive", "always"));

  /** HAProxy's process settings, written after {@code daemon}. */
  static final List<Key> GLOBAL_PROCESS =
      List.of(
          new Key("chroot", Shape.TEXT, Format.ABSOLUTE_PATH, "G"),
          new Key("pidfile", Shape.TEXT, Format.ABSOLUTE_PATH, "G"),
          new Key("hard_stop_after", Shape.TEXT, Format.TIME, "G"),
          new Key("master_worker", Shape.FLAG, Format.WORDS, "G"),
          new Key("ulimit_n", Shape.NUMBER, Format.WORDS, "G"),
          new Key("spread_checks", Shape.NUMBER, Format.WORDS, "G"),
          new Key("strict_limits", Shape.FLAG, Format.WORDS, "G"),
          new Key("zero_warning", Shape.FLAG, Format.WORDS, "G"),
          new Key("default_path", Shape.TEXT, Format.WORDS, "G"),
          new Key("node", Shape.TEXT, Format.NAME, "G"),
          new Key("description", Shape.TEXT, Format.HAPROXY_LINE, "G"));

  /** HAProxy's TLS settings, written after {@code ssl-default-bind-options}. */
  static final List<Key> GLOBAL_SSL =
      List.of(
          new Key("ca_base", Shape.TEXT, Format.ABSOLUTE_PATH, "G"),
          new Key("crt_base", Shape.TEXT, Format.ABSOLUTE_PATH, "G"),
          new Key("ssl_default_bind_ciphersuites", Shape.TEXT, Format.CIPHERS, "G"),
          new Key("ssl_default_server_ciphers", Shape.TEXT, Format.CIPHERS, "G"),
          new Key("ssl_default_server_ciphersuites", Shape.TEXT, Format.CIPHERS, "G"),
          new Key("ssl_default_server_options", Shape.TEXT, Format.WORDS, "G"),
          new Key(
              "ssl_server_verify",
              Shape.TEXT,
              Format.oneOf("a verification", List.of("none", "required")),
              "G"));

  /** The settings of proxy sections, written after {@code mode}. */
  static final List<Key> PROXY_SETTINGS =
      List.of(
          new Key("description", Shape.TEXT, Format.HAPROXY_LINE, "FLB"),
          new Key("balance", Shape.TEXT, Format.HAPROXY_LINE, "D"),
          new Key("maxconn", Shape.NUMBER, Format.WORDS, "DFL"),
          new Key("backlog", Shape.NUMBER, Format.WORDS, "DFL"),
          new Key("log", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("option", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("timeout", Shape.MAP, Format.TIME, "DFLB"),
          new Key("retries", Shape.NUMBER, Format.WORDS, "DLB"),
          new Key("retry_on", Shape.TEXT, Format.WORDS, "DLB"),
          new Key("fullconn", Shape.NUMBER, Format.WORDS, "DLB"),
          new Key("hash_type", Shape.TEXT, Format.WORDS, "DLB"),
          new Key("cookie", Shape.TEXT, Format.HAPROXY_LINE, "DLB"),
          new Key("default_server", Shape.TEXT, Format.HAPROXY_LINE, "DLB"),
          new Key("http_reuse", Shape.TEXT, HTTP_REUSE, "DLB"),
          new Key("source", Shape.TEXT, Format.HAPROXY_LINE, "DLB"),
          new Key("monitor_uri", Shape.TEXT, Format.URI_PATH, "DFL"),
          new Key("log_format", Shape.TEXT, Format.HAPROXY_LINE, "DFL"),
          new Key("unique_id_format", Shape.TEXT, Format.HAPROXY_LINE, "DFL"),
          new Key("unique_id_header", Shape.TEXT, Format.NAME, "DFL"),
          new Key("capture", Shape.LIST, Format.HAPROXY_LINE, "FL"),
          new Key("compression", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("errorfile", Shape.MAP, Format.ABSOLUTE_PATH, "DFLB"),
          new Key("errorfiles", Shape.LIST, Format.HAPROXY_LINE, "DFLB"));

  /** The rules of proxy sections, written after the free lines. */
  static final List<Key> PROXY_RULES =
      List.of(
          new Key("tcp_request", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("tcp_response", Shape.LIST, Format.HAPROXY_LINE, "DLB"),
          new Key("http_request", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("http_response", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("http_after_response", Shape.LIST, Format.HAPROXY_LINE, "DFLB"),
          new Key("redirect", Shape.LIST, Format.HAPROXY_LINE, "FLB"),
          new Key("http_check", Shape.LIST, Format.HAPROXY_LINE, "DLB"),
          new Key("tcp_check", Shape.LIST, Format.HAPROXY_LINE, "DLB"));

  /** Keepalived's {@code global_defs} settings beyond the typed ones. */
  static final List<Key> GLOBAL_DEFS =
      List.of(
          new Key("vrrp_skip_check_adv_addr", "vrrp_skip_check_adv_addr", Shape.FLAG, null, "K"),
          new Key("vrrp_strict", "vrrp_strict", Shape.FLAG, null, "K"),
          new Key("vrrp_garp_interval", "vrrp_garp_interval", Shape.TEXT, Format.DECIMAL, "K"),
          new Key("vrrp_gna_interval", "vrrp_gna_interval", Shape.TEXT, Format.DECIMAL, "K"),
          new Key("vrrp_garp_master_refresh", "vrrp_garp_master_refresh", Shape.NUMBER, null, "K"),
          new Key("enable_traps", "enable_traps", Shape.FLAG, null, "K"),
          new Key("max_auto_priority", "max_auto_priority", Shape.NUMBER, null, "K"));

  private DirectiveKeys() {}

  /** The keys of {@code table} that {@code section} takes. */
  static List<Key> in(List<Key> table, char section) {
    return table.stream().filter(key -> key.sections().indexOf(section) >= 0).toList();
  }

  /** The key names of {@code table} that {@code section} takes. */
  static List<String> names(List<Key> table, char section) {
    return in(table, section).stream().map(Key::key).toList();
  }

  /** The lines the keys of {@code table} that {@code section} takes write, in the table's order. */
  static List<Directive> read(Fields f, List<Key> table, char section) {
    List<Directive> directives = new ArrayList<>();
    for (Key key : in(table, section)) {
      if (!f.has(key.key())) {
        f.node(key.key());
        continue;
      }
      switch (key.shape()) {
        case TEXT -> {
          String value = f.text(key.key(), "", key.format());
          if (!value.isEmpty()) {
            directives.add(directive(f, key, value));
          }
        }
        case NUMBER -> {
          Integer value = f.integer(key.key(), null, COUNT);
          if (value != null) {
            directives.add(directive(f, key, String.valueOf(value)));
          }
        }
        case FLAG -> {
          if (f.bool(key.key(), false)) {
            directives.add(directive(f, key, ""));
          }
        }
        case LIST -> directives.addAll(f.directives(key.key(), key.keyword(), key.format()));
        case MAP -> directives.addAll(entries(f, key));
      }
    }
    return directives;
  }

  private static Directive directive(Fields f, Key key, String value) {
    return new Directive(key.keyword(), value, f.origin().of(key.key()), f.path(key.key()));
  }

  /** One line per entry of a map key, such as {@code timeout client 30s}. */
  private static List<Directive> entries(Fields f, Key key) {
    Fields map = f.mapping(key.key());
    if (map == null) {
      return List.of();
    }
    List<Directive> directives = new ArrayList<>();
    for (String name : map.keys()) {
      if (!Format.NAME.accepts().test(name)) {
        map.error(name, "'" + name + "' is not a name " + key.keyword() + " takes", "");
        map.node(name);
        continue;
      }
      String value = map.text(name, "", key.format());
      if (!value.isEmpty()) {
        directives.add(
            new Directive(
                key.keyword(), name + " " + value, map.origin().of(name), map.path(name)));
      }
    }
    return directives;
  }
}
