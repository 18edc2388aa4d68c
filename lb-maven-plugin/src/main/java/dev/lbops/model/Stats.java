package dev.lbops.model;

import dev.lbops.core.Secret;
import java.util.List;

/**
 * HAProxy's statistics page, in a frontend of its own or attached to a frontend or listen section;
 * its credentials, when it has any, come from a {@code settings.xml} server.
 *
 * @param name the name of its own frontend
 * @param attachTo the frontend or listen section it is written into, or empty for its own
 * @param binds its own frontend's binds
 * @param mode its own frontend's mode ({@code http}), or empty to leave it to defaults
 * @param serverId the settings.xml server of its credentials, or empty for none
 * @param password {@code null} without credentials
 * @param flags further {@code stats} keywords written alone, such as {@code hide-version}
 * @param realm {@code stats realm}, or empty
 * @param refresh {@code stats refresh}, or empty
 * @param monitorUri {@code monitor-uri}, or empty
 * @param prometheusPath the path the Prometheus exporter answers on, or empty
 * @param lines free lines of its own frontend
 */
public record Stats(
    String name,
    String attachTo,
    List<Bind> binds,
    String mode,
    String uri,
    boolean admin,
    String serverId,
    String username,
    Secret password,
    List<String> flags,
    String realm,
    String refresh,
    String monitorUri,
    String prometheusPath,
    List<FreeLine> lines,
    Origin origin) {

  public Stats {
    binds = List.copyOf(binds);
    flags = List.copyOf(flags);
    lines = List.copyOf(lines);
  }

  public boolean hasCredentials() {
    return password != null;
  }

  public boolean isAttached() {
    return !attachTo.isEmpty();
  }
}
