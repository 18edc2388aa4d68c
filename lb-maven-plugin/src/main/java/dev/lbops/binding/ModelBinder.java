package dev.lbops.binding;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.ResolvedCmdb;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.Problem;
import dev.lbops.inventory.Host;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HostConfig;
import dev.lbops.model.KeepalivedConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds one host's typed model from its resolved CMDB. It reads and types, and judges nothing: an
 * unknown or missing key, or a value of the wrong type or syntax, is a problem found here; every
 * rule about values read well is {@code validate}'s. An element missing a required value is left
 * out of the model, never given a placeholder. Keys are those of the reference Rex modules plus the
 * modern ones; a key may be scoped to its module as {@code HAProxy::maxconn} or {@code
 * Keepalived::package}. Each module is read by its own binder ({@link KeepalivedBinder}, {@link
 * HaproxyBinder}).
 */
public final class ModelBinder {

  static final String KEEPALIVED = "Keepalived";
  static final String HAPROXY = "HAProxy";

  static final Set<String> KEEPALIVED_KEYS =
      Set.of(
          "package",
          "keepalived_router_id",
          "lvs_id",
          "vrrp_sync_group_name",
          "failback",
          "failover",
          "haproxy_check",
          "vrrp_instances",
          // issue 17: global_defs, free lines of the sync group, LVS off the VIPs
          "keepalived_global_defs",
          "vrrp_sync_group_lines",
          "virtual_servers",
          "vrrp_scripts");
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
          "userlists",
          // issue 17: the defaults section, cache and http-errors sections
          "haproxy_defaults",
          "caches",
          "http_errors",
          "peers",
          "resolvers",
          "certificates");

  private final KeepalivedBinder keepalived;
  private final HaproxyBinder haproxy;

  public ModelBinder(CredentialSource credentials) {
    SettingsServers servers = new SettingsServers(credentials);
    this.keepalived = new KeepalivedBinder(servers);
    this.haproxy = new HaproxyBinder(servers);
  }

  /** Binds the host's model, adding every problem found to {@code problems}. */
  public HostConfig bind(Host host, ResolvedCmdb cmdb, List<Problem> problems) {
    rejectUnknownTopLevelKeys(host, cmdb.merged(), problems);
    KeepalivedConfig keepalivedConfig =
        keepalived.bind(
            new Fields(moduleView(cmdb.merged(), KEEPALIVED), "", host.name(), problems));
    HaproxyConfig haproxyConfig =
        haproxy.bind(new Fields(moduleView(cmdb.merged(), HAPROXY), "", host.name(), problems));
    return new HostConfig(host, keepalivedConfig, haproxyConfig, cmdb.directory(), cmdb.files());
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
