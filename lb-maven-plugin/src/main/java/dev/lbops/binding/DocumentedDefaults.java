package dev.lbops.binding;

import java.util.Map;
import java.util.Optional;

/**
 * What the plugin writes for a top-level key that no CMDB file sets, as the README's reference
 * documents it: {@code lb:explain} shows it, so that no line of a rendered file comes from nowhere.
 * Each part can be changed, or left out by writing it empty ({@code ~}, {@code ''}, {@code []}).
 */
public final class DocumentedDefaults {

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("package", "haproxy (HAProxy), keepalived (Keepalived)"),
          Map.entry("maxconn", "4096"),
          Map.entry("haproxy_user", "haproxy (none when haproxy_global.uid is set)"),
          Map.entry("haproxy_group", "haproxy (none when haproxy_global.gid is set)"),
          Map.entry("haproxy_global", "{daemon: true, log: [/dev/log local0], stats_timeout: 30s}"),
          Map.entry("haproxy_defaults", "{log: [global]}"),
          Map.entry("timeouts", "{connect: 5000, client: 50000, server: 50000}"),
          Map.entry(
              "runtime_api",
              "{path: /run/haproxy/admin.sock, mode: 660, level: admin, expose_fd: listeners}"),
          Map.entry("stats", "{enabled: false}"),
          Map.entry("keepalived_global_defs", "{script_user: root, enable_script_security: true}"),
          Map.entry(
              "failback",
              "delayed (never in client-IP mode): every host state BACKUP with a preempt_delay"),
          Map.entry("failover", "standard: advert_int as written (1 when left out)"),
          Map.entry("haproxy_check", "{interval: 1, rise: 3, fall: 2}"));

  private DocumentedDefaults() {}

  /**
   * The default of a top-level key ({@code maxconn} or {@code HAProxy::maxconn}), if it has one.
   */
  public static Optional<String> of(String key) {
    String plain = key.contains("::") ? key.substring(key.indexOf("::") + 2) : key;
    return Optional.ofNullable(DEFAULTS.get(plain));
  }
}
