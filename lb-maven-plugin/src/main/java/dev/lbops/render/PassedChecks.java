package dev.lbops.render;

import dev.lbops.core.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configs that passed their check without a remark, remembered in the output directory, so that
 * a config rendered again unchanged is not checked again (as a compiler skips sources it has
 * compiled). A config is the same when its body and the checking tool (path, size, time) are; the
 * record holds only checksums of those.
 */
public final class PassedChecks {

  static final String FILE = ".passed-checks";

  private final Path file;
  private final Set<String> passed;

  private PassedChecks(Path file, Set<String> passed) {
    this.file = file;
    this.passed = passed;
  }

  /** The record in {@code outputDirectory}; empty when there is none yet. */
  public static PassedChecks in(Path outputDirectory) {
    Path file = outputDirectory.resolve(FILE);
    try {
      Set<String> passed =
          Files.isRegularFile(file)
              ? new HashSet<>(Files.readAllLines(file, StandardCharsets.US_ASCII))
              : new HashSet<>();
      return new PassedChecks(file, passed);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  public boolean contains(RenderedFile rendered, Optional<Path> tool) {
    return passed.contains(key(rendered, tool));
  }

  /** Adds configs that passed; they are written at once. */
  public void add(List<RenderedFile> rendered, ConfigChecker checker) {
    StringBuilder lines = new StringBuilder();
    for (RenderedFile each : rendered) {
      String key = key(each, checker.tool(each.kind()));
      if (passed.add(key)) {
        lines.append(key).append('\n');
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          lines,
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static String key(RenderedFile rendered, Optional<Path> tool) {
    String toolIdentity =
        tool.map(
                path -> {
                  try {
                    return path + ":" + Files.size(path) + ":" + Files.getLastModifiedTime(path);
                  } catch (IOException e) {
                    return path.toString();
                  }
                })
            .orElse("none");
    return Checksums.sha256(rendered.kind() + "\n" + toolIdentity + "\n" + rendered.body());
  }
}
