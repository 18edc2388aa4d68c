package dev.lbops.model;

import java.util.List;

/**
 * HAProxy on one host.
 *
 * @param maxconn the global maxconn, or {@code null} to leave it to HAProxy
 * @param user the {@code user} line's account, or empty for none
 * @param group the {@code group} line's account, or empty for none
 * @param timeouts the {@code defaults} section's timeouts
 * @param runtimeSockets the runtime API sockets ({@code stats socket}), none when off
 * @param stats the statistics page, or {@code null} when off
 * @param peers how the stick tables are shared with the other load balancers
 * @param resolvers the {@code resolvers} sections
 * @param certificates the certificates shipped with the configs that the CMDB describes
 */
public record HaproxyConfig(
    List<String> packages,
    Integer maxconn,
    String user,
    String group,
    HaproxyGlobal global,
    HaproxyDefaults defaults,
    List<Timeout> timeouts,
    List<RuntimeApi> runtimeSockets,
    Stats stats,
    List<Frontend> frontends,
    List<Backend> backends,
    List<Listen> listens,
    List<Userlist> userlists,
    List<Cache> caches,
    List<HttpErrors> httpErrors,
    Origin origin,
    Peers peers,
    List<Resolvers> resolvers,
    List<Certificate> certificates) {

  public static final Range MAXCONN = new Range(1, 10_000_000);

  public HaproxyConfig {
    packages = List.copyOf(packages);
    timeouts = List.copyOf(timeouts);
    runtimeSockets = List.copyOf(runtimeSockets);
    frontends = List.copyOf(frontends);
    backends = List.copyOf(backends);
    listens = List.copyOf(listens);
    userlists = List.copyOf(userlists);
    caches = List.copyOf(caches);
    httpErrors = List.copyOf(httpErrors);
    resolvers = List.copyOf(resolvers);
    certificates = List.copyOf(certificates);
  }

  /**
   * The runtime API socket the plugin reads HAProxy's state through: the first UNIX socket, or
   * {@code null} when there is none.
   */
  public RuntimeApi runtimeApi() {
    return runtimeSockets.stream().filter(RuntimeApi::isUnixSocket).findFirst().orElse(null);
  }

  /**
   * Whether a backend or listen section sends the client's address to its servers (TPROXY), by
   * {@code send_client_ip} or a {@code source ... usesrc} line.
   */
  public boolean sendsClientIp() {
    return backends.stream().anyMatch(Backend::sendsClientIp)
        || listens.stream().anyMatch(listen -> listen.proxy().sendsClientIp());
  }

  /** Whether HAProxy keeps running as root: no user or uid to drop to, or uid 0. */
  public boolean runsAsRoot() {
    return global.uid() != null ? global.uid() == 0 : user.isEmpty() || user.equals("root");
  }

  /** The mode of a proxy that sets none. */
  public String defaultMode() {
    return defaults.effectiveMode();
  }
}
