package dev.lbops.maven;

import dev.lbops.core.PathSegments;
import dev.lbops.core.Shown;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Text parameters read where they enter, as {@link Choices} reads the enumerated ones: a value that
 * becomes a name in a path, a word in a message or a file name template is checked here, and a
 * wrong one fails naming the property and the value (escaped), before anything runs: {@link
 * AbstractLbMojo} fails the build with the {@link IllegalArgumentException} these throw.
 */
final class Parameters {

  private Parameters() {}

  /** A value that becomes one name in a file path, such as {@code {environment}}; or not set. */
  static String segment(String property, String value) {
    Optional<String> problem = value == null ? Optional.empty() : PathSegments.problem(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          property
              + " "
              + Shown.quoted(value)
              + " "
              + problem.get()
              + ": it becomes a directory name in the CMDB lookup path (fix: write one name such"
              + " as production)");
    }
    return value;
  }

  /**
   * A word: a group, a host name, a CMDB key; no space, control or invisible character. Not set is
   * left to the goal.
   */
  static String word(String property, String value) {
    if (value != null && (Shown.hasInvisible(value) || value.contains(" "))) {
      throw new IllegalArgumentException(
          property
              + " "
              + Shown.quoted(value)
              + " is not a single word (fix: write it without spaces, line breaks or control"
              + " characters)");
    }
    return value;
  }

  /** Each of {@code values} a word; {@code null} is none. */
  static List<String> words(String property, List<String> values) {
    for (String value : values == null ? List.<String>of() : values) {
      word(property, value);
    }
    return values;
  }

  /**
   * File name templates of the CMDB lookup path: each relative and inside the CMDB directory
   * (normalised, it neither starts with '/' nor climbs out with '..').
   */
  static List<String> lookupPath(String property, List<String> templates) {
    for (int i = 0; i < templates.size(); i++) {
      String template = templates.get(i);
      boolean inside;
      try {
        Path path = Path.of(template).normalize();
        inside = !path.isAbsolute() && !path.startsWith("..") && !path.toString().isEmpty();
      } catch (RuntimeException e) {
        inside = false;
      }
      if (template == null || Shown.hasInvisible(template) || !inside) {
        throw new IllegalArgumentException(
            property
                + "["
                + i
                + "] "
                + Shown.quoted(template)
                + " is not a file name template inside the CMDB directory (fix: write a relative"
                + " path such as {environment}/{hostname}.yml, without '..')");
      }
    }
    return templates;
  }

  /** A whole number of at least {@code min}. */
  static int atLeast(String property, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          property + " is " + value + ", but must be at least " + min);
    }
    return value;
  }
}
