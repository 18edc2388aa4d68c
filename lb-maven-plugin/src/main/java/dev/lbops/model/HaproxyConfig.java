package dev.lbops.model;

import java.util.List;

/**
 * HAProxy on one host.
 *
 * @param stats the statistics page, or {@code null} when off
 * @param runtimeApi the runtime API socket, or {@code null} when off
 * @param peers how the stick tables are shared with the other load balancers
 * @param resolvers the {@code resolvers} sections
 * @param certificates the certificates shipped with the configs that the CMDB describes
 */
public record HaproxyConfig(
    List<String> packages,
    int maxconn,
    String user,
    String group,
    HaproxyGlobal global,
    List<Timeout> timeouts,
    RuntimeApi runtimeApi,
    Stats stats,
    List<Frontend> frontends,
    List<Backend> backends,
    List<Listen> listens,
    List<Userlist> userlists,
    Origin origin,
    Peers peers,
    List<Resolvers> resolvers,
    List<Certificate> certificates) {

  public static final Range MAXCONN = new Range(1, 10_000_000);

  public HaproxyConfig {
    packages = List.copyOf(packages);
    timeouts = List.copyOf(timeouts);
    frontends = List.copyOf(frontends);
    backends = List.copyOf(backends);
    listens = List.copyOf(listens);
    userlists = List.copyOf(userlists);
    resolvers = List.copyOf(resolvers);
    certificates = List.copyOf(certificates);
  }

  /** Whether a backend or listen section sends the client's address to its servers (TPROXY). */
  public boolean sendsClientIp() {
    return backends.stream().anyMatch(Backend::sendClientIp)
        || listens.stream().anyMatch(listen -> listen.proxy().sendClientIp());
  }
}
