package dev.lbops.core;

import java.nio.file.Path;

/** Where a value came from: a file and a 1-based line and column. */
public record Location(String file, int line, int column) {

  public static final Location UNKNOWN = new Location("", 0, 0);

  public static Location of(Path file, int line, int column) {
    return new Location(file.toString(), line, column);
  }

  public static Location of(Path file) {
    return new Location(file.toString(), 0, 0);
  }

  /** A path as shown in messages: relative to the working directory when below it. */
  public static String display(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }

  public boolean isKnown() {
    return !file.isEmpty();
  }

  @Override
  public String toString() {
    if (!isKnown()) {
      return "(no file)";
    }
    return line > 0 ? file + ":" + line + (column > 0 ? ":" + column : "") : file;
  }
}
