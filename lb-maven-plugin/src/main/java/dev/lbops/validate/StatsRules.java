package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.Origin;
import dev.lbops.model.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Rules about HAProxy's process and statistics page as a whole: where an attached page goes, who
 * may see it, and settings that the plugin's own way of running HAProxy overrides.
 */
final class StatsRules {

  private StatsRules() {}

  static void check(HostConfig host, List<Problem> problems) {
    HaproxyConfig haproxy = host.haproxy();
    Stats stats = haproxy.stats();
    if (stats != null) {
      page(host.name(), haproxy, stats, problems);
    }
    haproxy
        .global()
        .setting("pidfile")
        .filter(pidfile -> !pidfile.value().equals("/run/haproxy.pid"))
        .ifPresent(
            pidfile ->
                problems.add(
                    Problem.warning(
                        pidfile.location(),
                        host.name(),
                        pidfile.key(),
                        "HAProxy is started with -p /run/haproxy.pid (by Debian's unit and by the"
                            + " plugin), which wins: HAProxy ignores this pidfile with a warning,"
                            + " and refuses to start if zero-warning is set",
                        "leave pidfile out, or write /run/haproxy.pid")));
  }

  private static void page(
      String host, HaproxyConfig haproxy, Stats stats, List<Problem> problems) {
    Origin origin = stats.origin();
    if (stats.isAttached()) {
      Optional<String> mode = attachedMode(haproxy, stats.attachTo());
      if (mode.isEmpty()) {
        List<String> names = new ArrayList<>();
        haproxy.frontends().forEach(f -> names.add(f.name()));
        haproxy.listens().forEach(l -> names.add(l.name()));
        problems.add(
            Problem.error(
                origin.of("attach_to"),
                host,
                origin.key("attach_to"),
                "there is no frontend or listen section '"
                    + stats.attachTo()
                    + "' to attach the stats page to",
                names.isEmpty()
                    ? "define it, or leave attach_to out for a frontend of its own"
                    : "use one of " + new TreeSet<>(names)));
      } else if (!mode.get().equals("http")) {
        problems.add(
            Problem.error(
                origin.of("attach_to"),
                host,
                origin.key("attach_to"),
                "'"
                    + stats.attachTo()
                    + "' is in mode "
                    + mode.get()
                    + ": the stats page needs mode http",
                "set 'mode: http' on it, or give the page a frontend of its own"));
      }
      if (origin.written("bind") || origin.written("mode") || origin.written("lines")) {
        problems.add(
            Problem.error(
                origin.location(),
                host,
                origin.keyPath(),
                "an attached stats page takes bind, mode and lines from '" + stats.attachTo() + "'",
                "write them on that section, or leave attach_to out"));
      }
    }
    if (!stats.hasCredentials()) {
      List<String> open =
          binds(haproxy, stats).stream()
              .filter(bind -> !loopback(bind))
              .map(Bind::addressAndPort)
              .toList();
      if (!open.isEmpty()) {
        problems.add(
            Problem.warning(
                origin.location(),
                host,
                origin.keyPath(),
                "the stats page has no credentials: whoever reaches "
                    + String.join(", ", open)
                    + " sees every server"
                    + (stats.admin() ? ", and can put them in maintenance (admin)" : ""),
                "add 'server_id:' naming a settings.xml server with username and password, or"
                    + " bind the page to 127.0.0.1"));
      }
    }
  }

  /** The binds the page answers on: its own, or those of the section it is attached to. */
  private static List<Bind> binds(HaproxyConfig haproxy, Stats stats) {
    if (!stats.isAttached()) {
      return stats.binds();
    }
    List<Bind> binds = new ArrayList<>();
    haproxy.frontends().stream()
        .filter(f -> f.name().equals(stats.attachTo()))
        .forEach(f -> binds.addAll(f.binds()));
    haproxy.listens().stream()
        .filter(l -> l.name().equals(stats.attachTo()))
        .forEach(l -> binds.addAll(l.binds()));
    return binds;
  }

  /** The effective mode of the frontend or listen section of that name, if there is one. */
  private static Optional<String> attachedMode(HaproxyConfig haproxy, String name) {
    for (Frontend frontend : haproxy.frontends()) {
      if (frontend.name().equals(name)) {
        return Optional.of(frontend.mode().isEmpty() ? haproxy.defaultMode() : frontend.mode());
      }
    }
    for (Listen listen : haproxy.listens()) {
      Backend proxy = listen.proxy();
      if (proxy.name().equals(name)) {
        return Optional.of(proxy.effectiveMode(haproxy.defaultMode()));
      }
    }
    return Optional.empty();
  }

  private static boolean loopback(Bind bind) {
    return bind.address().startsWith("127.") || bind.address().equals("::1");
  }
}
