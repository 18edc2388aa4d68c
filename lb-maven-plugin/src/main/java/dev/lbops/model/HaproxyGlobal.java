package dev.lbops.model;

import dev.lbops.core.Location;
import java.util.List;
import java.util.Map;

/**
 * Tuning of HAProxy's {@code global} section.
 *
 * @param nbthread threads, or {@code null} for HAProxy's choice
 * @param logTargets {@code log} lines, such as {@code /dev/log local0}
 * @param tune {@code tune.*} settings, each as {@code name value}
 * @param sslDefaultBindCiphers or empty
 * @param sslDefaultBindOptions or empty
 */
public record HaproxyGlobal(
    Integer nbthread,
    List<String> logTargets,
    List<Setting> tune,
    String sslDefaultBindCiphers,
    String sslDefaultBindOptions,
    Origin origin) {

  /** The section when {@code haproxy_global} is not written. */
  public static final HaproxyGlobal DEFAULTS =
      new HaproxyGlobal(
          null,
          List.of(),
          List.of(),
          "",
          "",
          new Origin("haproxy_global", Location.UNKNOWN, Map.of()));

  public static final Range NBTHREAD = new Range(1, 4096);

  public HaproxyGlobal {
    logTargets = List.copyOf(logTargets);
    tune = List.copyOf(tune);
  }

  /** One {@code name value} setting. */
  public record Setting(String name, String value) {}
}
