package dev.lbops.lab;

import dev.lbops.core.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The texts a lab writes, all bundled with the plugin below {@value #DIRECTORY}: files it copies as
 * they are, and templates it renders with values it made itself (addresses, names, keys), which
 * therefore go in as they are.
 */
final class LabFiles {

  static final String DIRECTORY = "dev/lbops/lab/";

  private static final Templates TEMPLATES = Templates.bundled(DIRECTORY, Templates.Escaping.NONE);

  private LabFiles() {}

  /** The template {@code name} ({@code <name>.mustache}) rendered with {@code values}. */
  static String render(String name, Map<String, ?> values) {
    return TEMPLATES.render(name + ".mustache", values);
  }

  /** Writes the template {@code name} rendered with {@code values} to {@code target}. */
  static void write(Path target, String name, Map<String, ?> values) throws IOException {
    Files.writeString(target, render(name, values));
  }

  /** The bundled file {@code name}, whole. */
  static String text(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException("Cannot read the plugin's resource " + name, e);
    }
  }

  /** Copies the bundled file {@code name} to {@code target}, replacing what is there. */
  static Path copy(String name, Path target) throws IOException {
    try (InputStream in = open(name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static InputStream open(String name) {
    InputStream in = LabFiles.class.getClassLoader().getResourceAsStream(DIRECTORY + name);
    if (in == null) {
      throw new LabException("The plugin lacks its resource " + name);
    }
    return in;
  }

  /** Deletes {@code root} and everything below it; nothing when it is absent. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new LabException("Cannot remove " + root + ": " + e.getMessage(), e);
    }
  }
}
