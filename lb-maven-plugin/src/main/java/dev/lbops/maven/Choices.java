package dev.lbops.maven;

import dev.lbops.core.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Parameters that name one of a fixed set of values (an enum of the core), read where they enter:
 * any case, dashes or underscores; a wrong value fails naming the property, the value and the
 * choices.
 */
final class Choices {

  private Choices() {}

  static <E extends Enum<E>> E one(String property, String value, Class<E> type)
      throws MojoFailureException {
    String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new MojoFailureException(
        "Unknown "
            + property
            + " "
            + Shown.quoted(value)
            + ": use "
            + spelled(type.getEnumConstants()));
  }

  static <E extends Enum<E>> List<E> each(String property, List<String> values, Class<E> type)
      throws MojoFailureException {
    List<E> parsed = new ArrayList<>();
    for (String value : values == null ? List.<String>of() : values) {
      parsed.add(one(property, value, type));
    }
    return List.copyOf(parsed);
  }

  /** As the README writes them: "light or full", "first-wins, last-wins or ...". */
  private static String spelled(Enum<?>[] constants) {
    List<String> names = new ArrayList<>();
    for (Enum<?> constant : constants) {
      names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    String last = names.remove(names.size() - 1);
    return names.isEmpty() ? last : String.join(", ", names) + " or " + last;
  }
}
