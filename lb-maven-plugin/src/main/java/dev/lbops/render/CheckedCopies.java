package dev.lbops.render;

import dev.lbops.core.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The copy of a rendered config that the local check reads: each path it names is replaced by the
 * file that stands for it here — the shipped file as written below the output directory, the
 * machine's own when it has one, else a stand-in ({@link StandIns}) — so that the check sees the
 * files the host will have. Only paths change; every line keeps its number, so the check's messages
 * point at the rendered file.
 */
public final class CheckedCopies {

  /** Below the output directory: the copies, and the stand-ins. */
  static final String DIRECTORY = ".lb-check";

  private final Path outputDirectory;
  private final StandIns standIns;

  public CheckedCopies(Path outputDirectory) {
    this.outputDirectory = outputDirectory;
    this.standIns = new StandIns(outputDirectory.resolve(DIRECTORY).resolve("stand-ins"));
  }

  /**
   * The copy and the references it had to check with stand-ins. It holds the config's secrets:
   * closing it removes it, so that secrets rest only in the rendered configs.
   */
  public record Copy(Path path, List<FileReference> standingIn) implements AutoCloseable {
    @Override
    public void close() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the checked copy " + path, e);
      }
    }
  }

  /**
   * Writes the copy of {@code file} (owner-only: it holds the config's secrets) and returns it.
   *
   * @param shipped every shipped file of the cluster
   */
  public Copy write(RenderedFile file, List<ShippedFile> shipped) {
    List<FileReference> references = FileReferences.of(file);
    List<String> lines = new ArrayList<>(file.content().lines().toList());
    List<FileReference> standingIn = new ArrayList<>();
    for (FileReference reference : references) {
      Optional<Path> local = local(reference, shipped);
      if (local.isEmpty() && !Files.exists(Path.of(reference.path()))) {
        local = standIns.forReference(reference);
        local.ifPresent(path -> standingIn.add(reference));
      }
      if (local.isPresent()) {
        String replacement = local.get().toAbsolutePath().toString();
        if (reference.directory() && !replacement.endsWith("/")) {
          replacement = replacement + "/";
        }
        int index = reference.line() - 1;
        lines.set(index, replace(lines.get(index), reference.path(), replacement));
      }
    }
    Path copy =
        outputDirectory
            .resolve(DIRECTORY)
            .resolve(file.host())
            .resolve(file.kind().hostPath().substring(file.kind().hostPath().lastIndexOf('/') + 1));
    PrivateFiles.write(copy, String.join("\n", lines) + "\n");
    return new Copy(copy, standingIn);
  }

  /** The shipped file (or directory) as written below the output directory, if it is shipped. */
  private Optional<Path> local(FileReference reference, List<ShippedFile> shipped) {
    String prefix =
        reference.directory() && !reference.path().endsWith("/")
            ? reference.path() + "/"
            : reference.path();
    boolean isShipped =
        shipped.stream()
            .filter(file -> file.host().equals(reference.host()))
            .anyMatch(
                file ->
                    reference.directory()
                        ? file.path().startsWith(prefix)
                        : file.path().equals(reference.path()));
    if (!isShipped) {
      return Optional.empty();
    }
    return Optional.of(
        outputDirectory.resolve(reference.host()).resolve(reference.path().substring(1)));
  }

  private static String replace(String line, String path, String replacement) {
    Pattern exact = Pattern.compile("(?<=^|[\\s\"(,])" + Pattern.quote(path) + "(?=$|[\\s\"),])");
    return exact.matcher(line).replaceAll(Matcher.quoteReplacement(replacement));
  }
}
