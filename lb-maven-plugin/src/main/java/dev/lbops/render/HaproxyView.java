package dev.lbops.render;

import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HaproxyGlobal;
import dev.lbops.model.Resolvers;
import dev.lbops.model.RuntimeApi;
import dev.lbops.model.Timeout;
import java.util.List;

/** What {@code haproxy.cfg.mustache} sees. Absent optional values are empty or null. */
public record HaproxyView(
    String header,
    int maxconn,
    String user,
    String group,
    Integer nbthread,
    List<String> logTargets,
    RuntimeApi runtimeApi,
    String sslDefaultBindCiphers,
    String sslDefaultBindOptions,
    List<HaproxyGlobal.Setting> tune,
    List<Timeout> timeouts,
    List<UserlistView> userlists,
    List<FrontendView> frontends,
    List<ProxyView> backends,
    List<ProxyView> listens,
    StatsView stats,
    String localPeer,
    PeerSections.PeersView peers,
    List<Resolvers> resolvers) {

  private static final List<String> DEFAULT_LOG_TARGETS = List.of("/dev/log local0");

  /**
   * @param peers the host's {@code peers} section, or {@code null}
   */
  static HaproxyView of(String header, HaproxyConfig config, PeerSections.PeersView peers) {
    HaproxyGlobal global = config.global();
    return new HaproxyView(
        header,
        config.maxconn(),
        config.user(),
        config.group(),
        global.nbthread(),
        global.logTargets().isEmpty() ? DEFAULT_LOG_TARGETS : global.logTargets(),
        config.runtimeApi(),
        global.sslDefaultBindCiphers(),
        global.sslDefaultBindOptions(),
        global.tune(),
        config.timeouts(),
        config.userlists().stream()
            .map(
                list ->
                    new UserlistView(
                        list.name(),
                        list.users().stream()
                            .map(
                                user ->
                                    new UserView(
                                        user.name(),
                                        user.passwordIsHashed() ? "password" : "insecure-password",
                                        user.password().reveal()))
                            .toList()))
            .toList(),
        config.frontends().stream().map(FrontendView::of).toList(),
        config.backends().stream().map(backend -> ProxyView.of(List.of(), backend, peers)).toList(),
        config.listens().stream()
            .map(listen -> ProxyView.of(listen.binds(), listen.proxy(), peers))
            .toList(),
        config.stats() == null
            ? null
            : new StatsView(
                config.stats().bind().addressAndPort(),
                config.stats().uri(),
                config.stats().admin(),
                config.stats().username(),
                config.stats().password().reveal()),
        peers == null ? "" : peers.local(),
        peers,
        config.resolvers());
  }

  private static List<String> bindLines(List<Bind> binds) {
    return binds.stream()
        .map(bind -> (bind.addressAndPort() + " " + bind.options()).strip())
        .toList();
  }

  /** A {@code frontend}. */
  public record FrontendView(
      String name,
      List<String> binds,
      String mode,
      List<AclView> acls,
      List<String> options,
      List<String> useBackends,
      String defaultBackend) {

    static FrontendView of(Frontend frontend) {
      return new FrontendView(
          frontend.name(),
          bindLines(frontend.binds()),
          frontend.mode(),
          frontend.acls().stream().map(acl -> new AclView(acl.name(), acl.criterion())).toList(),
          frontend.options(),
          frontend.useBackends().stream()
              .map(
                  use ->
                      use.condition().isEmpty()
                          ? use.backend()
                          : use.backend() + " if " + use.condition())
              .toList(),
          frontend.defaultBackend());
    }
  }

  /** An {@code acl} line. */
  public record AclView(String name, String criterion) {}

  /** A {@code backend}, or a {@code listen} section with its binds. */
  public record ProxyView(
      String name,
      List<String> binds,
      String balance,
      boolean sendClientIp,
      String mode,
      List<String> modeLines,
      List<String> servers) {

    static ProxyView of(List<Bind> binds, Backend backend, PeerSections.PeersView peers) {
      return new ProxyView(
          backend.name(),
          bindLines(binds),
          backend.balance(),
          backend.sendClientIp(),
          backend.mode(),
          PeerSections.attach(backend.modeLines(), peers),
          backend.servers().stream()
              .map(
                  server ->
                      (server.name() + " " + server.destination() + " " + server.options()).strip())
              .toList());
    }
  }

  /** A {@code userlist}. */
  public record UserlistView(String name, List<UserView> users) {}

  /** A {@code user} line; the password is a secret. */
  public record UserView(String name, String passwordKeyword, String password) {}

  /** The statistics page; the password is a secret. */
  public record StatsView(
      String bind, String uri, boolean admin, String username, String password) {}
}
