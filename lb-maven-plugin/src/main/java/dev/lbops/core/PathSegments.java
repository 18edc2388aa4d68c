package dev.lbops.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rule for a value that becomes one name in a file path (a CMDB lookup path's {@code
 * {environment}}, a host's attribute or operating system, a host's directory below the output
 * directory): one name, never a way to another directory.
 */
public final class PathSegments {

  private static final int MAX_BYTES = 255;

  private PathSegments() {}

  /** Why {@code value} is not a single path segment, or empty when it is one. */
  public static Optional<String> problem(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.equals(".") || value.equals("..")) {
      return Optional.of("names a directory ('" + value + "'), not a name in it");
    }
    if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
      return Optional.of("holds a path separator ('/' or '\\'), which leads to another directory");
    }
    if (Shown.hasInvisible(value)) {
      return Optional.of("holds a control or invisible character");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("is longer than " + MAX_BYTES + " bytes");
    }
    return Optional.empty();
  }
}
