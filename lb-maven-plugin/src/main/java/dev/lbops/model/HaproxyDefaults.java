package dev.lbops.model;

import dev.lbops.core.Location;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's {@code defaults} section beyond its timeouts (which the top-level {@code timeouts} key
 * gives). The section is left out when it would be empty.
 *
 * @param name the name of a named defaults section, or empty
 * @param mode {@code http}, {@code tcp}, or empty for HAProxy's default (tcp)
 * @param settings the lines its dedicated keys write ({@code log global} by default), in order
 * @param rules rule lines ({@code http-request}...), written after the free lines
 * @param lines free lines
 */
public record HaproxyDefaults(
    String name,
    String mode,
    List<Directive> settings,
    List<Directive> rules,
    List<FreeLine> lines,
    Origin origin) {

  /** The section when {@code haproxy_defaults} is not written: {@code log global}. */
  public static final HaproxyDefaults DEFAULTS =
      new HaproxyDefaults(
          "",
          "",
          List.of(new Directive("log", "global", Location.UNKNOWN, "haproxy_defaults.log")),
          List.of(),
          List.of(),
          new Origin("haproxy_defaults", Location.UNKNOWN, Map.of()));

  public HaproxyDefaults {
    settings = List.copyOf(settings);
    rules = List.copyOf(rules);
    lines = List.copyOf(lines);
  }

  /** The mode a proxy without a mode of its own has. */
  public String effectiveMode() {
    return mode.isEmpty() ? "tcp" : mode;
  }
}
