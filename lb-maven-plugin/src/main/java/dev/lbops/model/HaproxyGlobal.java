package dev.lbops.model;

import dev.lbops.core.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * HAProxy's {@code global} section, beyond maxconn, user and group. Every line it writes is a
 * documented default or a value of the CMDB, and each default can be changed or left out.
 *
 * @param nbthread threads, or {@code null} for HAProxy's choice
 * @param logTargets {@code log} lines, such as {@code /dev/log local0}; empty for none
 * @param tune {@code tune.*} settings, each as {@code name value}
 * @param sslDefaultBindCiphers or empty
 * @param sslDefaultBindOptions or empty
 * @param daemon whether {@code daemon} is written
 * @param uid the numeric user, or {@code null}
 * @param gid the numeric group, or {@code null}
 * @param statsTimeout {@code stats timeout}, written with a runtime socket; empty for none
 * @param process process settings such as {@code chroot} and {@code pidfile}, in writing order
 * @param ssl TLS settings beyond the two above, such as {@code crt-base}, in writing order
 * @param lines free lines, written last
 */
public record HaproxyGlobal(
    Integer nbthread,
    List<String> logTargets,
    List<Setting> tune,
    String sslDefaultBindCiphers,
    String sslDefaultBindOptions,
    boolean daemon,
    Integer uid,
    Integer gid,
    String statsTimeout,
    List<Directive> process,
    List<Directive> ssl,
    List<FreeLine> lines,
    Origin origin) {

  /** The {@code log} target when none is written. */
  public static final List<String> DEFAULT_LOG_TARGETS = List.of("/dev/log local0");

  public static final String DEFAULT_STATS_TIMEOUT = "30s";

  /** The section when {@code haproxy_global} is not written. */
  public static final HaproxyGlobal DEFAULTS =
      new HaproxyGlobal(
          null,
          DEFAULT_LOG_TARGETS,
          List.of(),
          "",
          "",
          true,
          null,
          null,
          DEFAULT_STATS_TIMEOUT,
          List.of(),
          List.of(),
          List.of(),
          new Origin("haproxy_global", Location.UNKNOWN, Map.of()));

  public static final Range NBTHREAD = new Range(1, 4096);

  /** Numeric user and group ids. */
  public static final Range ID = new Range(0, Integer.MAX_VALUE);

  public HaproxyGlobal {
    logTargets = List.copyOf(logTargets);
    tune = List.copyOf(tune);
    process = List.copyOf(process);
    ssl = List.copyOf(ssl);
    lines = List.copyOf(lines);
  }

  /** The process or TLS setting of that keyword, such as {@code pidfile}. */
  public Optional<Directive> setting(String keyword) {
    return Stream.concat(process.stream(), ssl.stream())
        .filter(directive -> directive.keyword().equals(keyword))
        .findFirst();
  }

  /** One {@code name value} setting. */
  public record Setting(String name, String value) {}
}
