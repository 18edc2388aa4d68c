package dev.lbops.core;

/**
 * A value from outside (a host name, a CMDB key, a parameter) as a message shows it: every control
 * and invisible character escaped ({@code \n}, {@code \u200b}), so that a value can neither start a
 * log line of its own (a forged {@code [INFO] BUILD SUCCESS}) nor hide a part of itself.
 */
public final class Shown {

  /** How the lines of a {@link #block} after its first are indented. */
  public static final String BLOCK_INDENT = "    ";

  private Shown() {}

  /** {@code value} with its control and invisible characters escaped. */
  public static String escaped(String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (isInvisible(c)) {
                    out.append(
                        c > 0xFFFF ? String.format("\\u{%X}", c) : String.format("\\u%04x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  /**
   * Text a host printed (or a message quoting it), as a message shows it: each line's control and
   * invisible characters escaped, and every line after the first indented, so that no line of it
   * can pass for a line of the build's own log.
   */
  public static String block(String text) {
    if (text == null) {
      return "(none)";
    }
    return String.join("\n" + BLOCK_INDENT, text.lines().map(Shown::escaped).toList());
  }

  /** {@code value} escaped and in single quotes, as messages quote a value. */
  public static String quoted(String value) {
    return "'" + escaped(value) + "'";
  }

  /**
   * Whether {@code c} is a control character, or a character that shows as nothing or as a plain
   * space: format characters (zero-width space, direction overrides, byte order mark), line and
   * paragraph separators, spaces other than ' ', private-use, unpaired surrogate and unassigned
   * ones.
   */
  public static boolean isInvisible(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED ->
          true;
      case Character.SPACE_SEPARATOR -> c != ' ';
      default -> false;
    };
  }

  /** Whether {@code value} holds a character {@link #escaped} would escape. */
  public static boolean hasInvisible(String value) {
    return value.codePoints().anyMatch(c -> c == '\n' || c == '\r' || c == '\t' || isInvisible(c));
  }
}
