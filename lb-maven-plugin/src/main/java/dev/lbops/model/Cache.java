package dev.lbops.model;

import java.util.List;

/**
 * A {@code cache} section; each setting {@code null} when not written.
 *
 * @param totalMaxSize megabytes
 * @param maxObjectSize bytes
 * @param maxAge seconds
 */
public record Cache(
    String name,
    Integer totalMaxSize,
    Integer maxObjectSize,
    Integer maxAge,
    Boolean processVary,
    Integer maxSecondaryEntries,
    List<FreeLine> lines,
    Origin origin) {

  /** Megabytes: HAProxy 2.6 refuses 4096 and more. */
  public static final Range TOTAL_MAX_SIZE = new Range(1, 4095);

  public static final Range SIZE = new Range(1, Integer.MAX_VALUE);

  public Cache {
    lines = List.copyOf(lines);
  }
}
