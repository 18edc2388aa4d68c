package dev.lbops.model;

import java.util.List;

/**
 * A {@code frontend} section.
 *
 * @param mode {@code http}, {@code tcp}, or empty for the default
 * @param defaultBackend or empty
 * @param settings lines of its dedicated keys ({@code option}, {@code timeout}...), in order
 * @param lines free lines (also those listed under the older key {@code options})
 * @param rules rule lines ({@code http-request}, {@code redirect}...), after the free lines
 */
public record Frontend(
    String name,
    List<Bind> binds,
    String mode,
    String defaultBackend,
    List<Acl> acls,
    List<UseBackend> useBackends,
    List<Directive> settings,
    List<FreeLine> lines,
    List<Directive> rules,
    Origin origin) {

  public Frontend {
    binds = List.copyOf(binds);
    acls = List.copyOf(acls);
    useBackends = List.copyOf(useBackends);
    settings = List.copyOf(settings);
    lines = List.copyOf(lines);
    rules = List.copyOf(rules);
  }
}
