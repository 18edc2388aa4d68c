package dev.lbops.model;

import java.util.List;

/**
 * A {@code frontend} section.
 *
 * @param mode {@code http}, {@code tcp}, or empty for the default
 * @param defaultBackend or empty
 * @param options further lines, each written as is
 */
public record Frontend(
    String name,
    List<Bind> binds,
    String mode,
    String defaultBackend,
    List<Acl> acls,
    List<UseBackend> useBackends,
    List<String> options,
    Origin origin) {

  public Frontend {
    binds = List.copyOf(binds);
    acls = List.copyOf(acls);
    useBackends = List.copyOf(useBackends);
    options = List.copyOf(options);
  }
}
