package dev.lbops.model;

import java.util.List;

/** An {@code http-errors} section: {@code errorfile} lines that proxies name with errorfiles. */
public record HttpErrors(
    String name, List<Directive> errorfiles, List<FreeLine> lines, Origin origin) {

  public HttpErrors {
    errorfiles = List.copyOf(errorfiles);
    lines = List.copyOf(lines);
  }
}
