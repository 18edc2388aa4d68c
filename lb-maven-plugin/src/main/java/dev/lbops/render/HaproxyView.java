package dev.lbops.render;

import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Cache;
import dev.lbops.model.Directive;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HaproxyDefaults;
import dev.lbops.model.HaproxyGlobal;
import dev.lbops.model.HttpErrors;
import dev.lbops.model.Resolvers;
import dev.lbops.model.RuntimeApi;
import dev.lbops.model.Stats;
import dev.lbops.model.Timeout;
import java.util.List;

/**
 * What {@code haproxy.cfg.mustache} sees. Absent optional values are empty or null; every view that
 * a template section opens names each value the section asks for, so that none is looked up in an
 * enclosing view.
 *
 * @param runtimeApi the first runtime socket, for templates written before there could be several
 * @param ownStats the stats page when it has a frontend of its own
 * @param serverState whether HAProxy keeps its servers' states over a reload ({@code
 *     server-state-file}, saved through a runtime socket before each reload); not with {@code
 *     zero-warning}, which refuses the warning of a first start, before any state was saved
 */
public record HaproxyView(
    String header,
    Integer maxconn,
    String user,
    String group,
    Integer uid,
    Integer gid,
    boolean daemon,
    List<Line> process,
    Integer nbthread,
    List<String> logTargets,
    RuntimeApi runtimeApi,
    List<RuntimeApi> runtimeSockets,
    String statsTimeout,
    String sslDefaultBindCiphers,
    String sslDefaultBindOptions,
    List<Line> ssl,
    List<HaproxyGlobal.Setting> tune,
    List<String> globalLines,
    DefaultsView defaults,
    List<Timeout> timeouts,
    List<UserlistView> userlists,
    List<CacheView> caches,
    List<HttpErrorsView> httpErrors,
    List<FrontendView> frontends,
    List<ProxyView> backends,
    List<ProxyView> listens,
    StatsView stats,
    StatsView ownStats,
    String localPeer,
    PeerSections.PeersView peers,
    List<Resolvers> resolvers,
    boolean serverState) {

  /**
   * @param peers the host's {@code peers} section, or {@code null}
   */
  static HaproxyView of(String header, HaproxyConfig config, PeerSections.PeersView peers) {
    HaproxyGlobal global = config.global();
    StatsView stats = config.stats() == null ? null : StatsView.of(config.stats());
    String attachedTo = stats == null ? "" : config.stats().attachTo();
    boolean serverState =
        config.runtimeSockets().stream().anyMatch(RuntimeApi::isUnixSocket)
            && global.lines().stream().noneMatch(line -> line.text().strip().equals("zero-warning"))
            && global.process().stream()
                .noneMatch(directive -> directive.keyword().equals("zero-warning"));
    return new HaproxyView(
        header,
        config.maxconn(),
        config.user(),
        config.group(),
        global.uid(),
        global.gid(),
        global.daemon(),
        lineViews(global.process()),
        global.nbthread(),
        global.logTargets(),
        config.runtimeApi(),
        config.runtimeSockets(),
        config.runtimeSockets().isEmpty() ? "" : global.statsTimeout(),
        global.sslDefaultBindCiphers(),
        global.sslDefaultBindOptions(),
        lineViews(global.ssl()),
        global.tune(),
        texts(global.lines()),
        DefaultsView.of(config.defaults(), config.timeouts(), serverState),
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
                            .toList(),
                        texts(list.lines())))
            .toList(),
        config.caches().stream().map(CacheView::of).toList(),
        config.httpErrors().stream().map(HttpErrorsView::of).toList(),
        config.frontends().stream()
            .map(
                frontend ->
                    FrontendView.of(frontend, frontend.name().equals(attachedTo) ? stats : null))
            .toList(),
        config.backends().stream()
            .map(backend -> ProxyView.of(List.of(), backend, config.defaultMode(), null, peers))
            .toList(),
        config.listens().stream()
            .map(
                listen ->
                    ProxyView.of(
                        listen.binds(),
                        listen.proxy(),
                        config.defaultMode(),
                        listen.name().equals(attachedTo) ? stats : null,
                        peers))
            .toList(),
        stats,
        stats == null || !attachedTo.isEmpty() ? null : stats,
        peers == null ? "" : peers.local(),
        peers,
        config.resolvers(),
        serverState);
  }

  private static List<String> bindLines(List<Bind> binds) {
    return binds.stream()
        .map(bind -> (bind.addressAndPort() + " " + bind.options()).strip())
        .toList();
  }

  private static List<Line> lineViews(List<Directive> directives) {
    return directives.stream().map(d -> new Line(d.keyword(), d.value())).toList();
  }

  private static List<String> texts(List<FreeLine> lines) {
    return lines.stream().map(FreeLine::text).toList();
  }

  /** A line a dedicated key writes: the keyword, and what follows it (may be empty). */
  public record Line(String keyword, String argument) {}

  /** The {@code defaults} section, or {@code null} when it would be empty. */
  public record DefaultsView(
      String name,
      String mode,
      List<Line> settings,
      List<Timeout> timeouts,
      List<String> lines,
      List<Line> rules,
      boolean loadServerState) {

    static DefaultsView of(
        HaproxyDefaults defaults, List<Timeout> timeouts, boolean loadServerState) {
      DefaultsView view =
          new DefaultsView(
              defaults.name(),
              defaults.mode(),
              lineViews(defaults.settings()),
              timeouts,
              texts(defaults.lines()),
              lineViews(defaults.rules()),
              loadServerState);
      boolean empty =
          view.name.isEmpty()
              && view.mode.isEmpty()
              && view.settings.isEmpty()
              && timeouts.isEmpty()
              && view.lines.isEmpty()
              && view.rules.isEmpty();
      return empty ? null : view;
    }
  }

  /** A {@code frontend}. */
  public record FrontendView(
      String name,
      List<String> binds,
      String mode,
      List<Line> settings,
      List<AclView> acls,
      List<String> lines,
      List<Line> rules,
      StatsView stats,
      List<String> useBackends,
      String defaultBackend) {

    static FrontendView of(Frontend frontend, StatsView stats) {
      return new FrontendView(
          frontend.name(),
          bindLines(frontend.binds()),
          frontend.mode(),
          lineViews(frontend.settings()),
          frontend.acls().stream().map(acl -> new AclView(acl.name(), acl.criterion())).toList(),
          texts(frontend.lines()),
          lineViews(frontend.rules()),
          stats,
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

  /**
   * A {@code backend}, or a {@code listen} section with its binds.
   *
   * @param modeLines the lines listed under the key of the proxy's mode (its own, else that of the
   *     defaults section)
   */
  public record ProxyView(
      String name,
      List<String> binds,
      String balance,
      boolean sendClientIp,
      String mode,
      List<Line> settings,
      List<AclView> acls,
      List<String> modeLines,
      List<String> lines,
      List<Line> rules,
      StatsView stats,
      List<String> servers) {

    /**
     * @param peers the host's {@code peers} section, attached to the proxy's stick tables; or
     *     {@code null}
     */
    static ProxyView of(
        List<Bind> binds,
        Backend backend,
        String defaultMode,
        StatsView stats,
        PeerSections.PeersView peers) {
      return new ProxyView(
          backend.name(),
          bindLines(binds),
          backend.balance(),
          backend.sendClientIp(),
          backend.mode(),
          lineViews(backend.settings()),
          backend.acls().stream().map(acl -> new AclView(acl.name(), acl.criterion())).toList(),
          PeerSections.attach(texts(backend.linesUnder(backend.effectiveMode(defaultMode))), peers),
          PeerSections.attach(texts(backend.lines()), peers),
          lineViews(backend.rules()),
          stats,
          backend.servers().stream()
              .map(
                  server ->
                      (server.name() + " " + server.destination() + " " + server.options()).strip())
              .toList());
    }
  }

  /** A {@code userlist}. */
  public record UserlistView(String name, List<UserView> users, List<String> lines) {}

  /** A {@code user} line; the password is a secret. */
  public record UserView(String name, String passwordKeyword, String password) {}

  /** A {@code cache} section; {@code processVary} is {@code on}, {@code off} or empty. */
  public record CacheView(
      String name,
      Integer totalMaxSize,
      Integer maxObjectSize,
      Integer maxAge,
      String processVary,
      Integer maxSecondaryEntries,
      List<String> lines) {

    static CacheView of(Cache cache) {
      return new CacheView(
          cache.name(),
          cache.totalMaxSize(),
          cache.maxObjectSize(),
          cache.maxAge(),
          cache.processVary() == null ? "" : cache.processVary() ? "on" : "off",
          cache.maxSecondaryEntries(),
          texts(cache.lines()));
    }
  }

  /** An {@code http-errors} section. */
  public record HttpErrorsView(String name, List<Line> errorfiles, List<String> lines) {

    static HttpErrorsView of(HttpErrors errors) {
      return new HttpErrorsView(
          errors.name(), lineViews(errors.errorfiles()), texts(errors.lines()));
    }
  }

  /**
   * The statistics page; the password is a secret.
   *
   * @param auth whether {@code stats auth} is written
   * @param bind the first bind, for templates written before there could be several
   */
  public record StatsView(
      String name,
      String bind,
      List<String> binds,
      String mode,
      List<String> flags,
      String uri,
      boolean auth,
      String username,
      String password,
      boolean admin,
      String realm,
      String refresh,
      String monitorUri,
      String prometheusPath,
      List<String> lines) {

    static StatsView of(Stats stats) {
      List<String> binds = bindLines(stats.binds());
      return new StatsView(
          stats.name(),
          binds.isEmpty() ? "" : binds.get(0),
          binds,
          stats.mode(),
          stats.flags(),
          stats.uri(),
          stats.hasCredentials(),
          stats.username(),
          stats.hasCredentials() ? stats.password().reveal() : "",
          stats.admin(),
          stats.realm(),
          stats.refresh(),
          stats.monitorUri(),
          stats.prometheusPath(),
          texts(stats.lines()));
    }
  }
}
