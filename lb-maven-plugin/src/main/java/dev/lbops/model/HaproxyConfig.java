package dev.lbops.model;

import java.util.List;

/**
 * HAProxy on one host.
 *
 * @param stats the statistics page, or {@code null} when off
 * @param runtimeApi the runtime API socket, or {@code null} when off
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
    Origin origin) {

  public static final Range MAXCONN = new Range(1, 10_000_000);

  public HaproxyConfig {
    packages = List.copyOf(packages);
    timeouts = List.copyOf(timeouts);
    frontends = List.copyOf(frontends);
    backends = List.copyOf(backends);
    listens = List.copyOf(listens);
    userlists = List.copyOf(userlists);
  }

  /** Whether a backend or listen section sends the client's address to its servers (TPROXY). */
  public boolean sendsClientIp() {
    return backends.stream().anyMatch(Backend::sendClientIp)
        || listens.stream().anyMatch(listen -> listen.proxy().sendClientIp());
  }
}
