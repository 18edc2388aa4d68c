package dev.lbops.render;

import dev.lbops.core.Checksums;
import dev.lbops.core.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
  private final Map<ConfigKind, String> tools;

  private PassedChecks(Path file, Set<String> passed, Map<ConfigKind, String> tools) {
    this.file = file;
    this.passed = passed;
    this.tools = tools;
  }

  /** The record in {@code outputDirectory} for the tools {@code checker} runs. */
  public static PassedChecks in(Path outputDirectory, ConfigChecker checker) {
    Path file = outputDirectory.resolve(FILE);
    Map<ConfigKind, String> tools = new EnumMap<>(ConfigKind.class);
    try {
      for (ConfigKind kind : ConfigKind.values()) {
        Path tool = checker.tool(kind).orElse(null);
        tools.put(
            kind,
            tool == null
                ? "none"
                : tool + ":" + Files.size(tool) + ":" + Files.getLastModifiedTime(tool));
      }
      Set<String> passed =
          Files.isRegularFile(file)
              ? new HashSet<>(Files.readAllLines(file, StandardCharsets.US_ASCII))
              : new HashSet<>();
      return new PassedChecks(file, passed, tools);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " or the checking tools", e);
    }
  }

  public boolean contains(RenderedFile rendered) {
    return passed.contains(key(rendered));
  }

  /**
   * Adds configs that passed; the record is written at once, readable by its owner only (its
   * checksums derive from configs that hold secrets).
   */
  public void add(List<RenderedFile> rendered) {
    rendered.forEach(each -> passed.add(key(each)));
    // Written whole each time: also a record an older version left readable by others is replaced.
    PrivateFiles.write(file, String.join("\n", new TreeSet<>(passed)) + "\n");
  }

  private String key(RenderedFile rendered) {
    return Checksums.sha256(
        rendered.kind() + "\n" + tools.get(rendered.kind()) + "\n" + rendered.body());
  }
}
