package dev.lbops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of ARCHITECTURE.md, enforced: a package imports only packages of lower layers (so
 * there are no cycles and no two packages of one layer know each other), and only dev.lbops.maven
 * imports Maven.
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/lbops");

  /** Each package's layer, bottom (0) to top, as ARCHITECTURE.md draws them. */
  private static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("core", 0),
          Map.entry("inventory", 1),
          Map.entry("cmdb", 1),
          Map.entry("model", 2),
          Map.entry("binding", 3),
          Map.entry("validate", 4),
          Map.entry("render", 5),
          Map.entry("rex", 5),
          Map.entry("ssh", 6),
          Map.entry("remote", 7),
          Map.entry("deploy", 8),
          Map.entry("verify", 8),
          Map.entry("lab", 8),
          Map.entry("rotation", 8),
          Map.entry("operations", 9),
          Map.entry("rehearse", 10),
          Map.entry("maven", 11));

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.lbops\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void everyPackage_hasItsPlaceInTheLayers() throws IOException {
    assertThat(packages()).as("packages under dev.lbops").isEqualTo(new TreeSet<>(LAYERS.keySet()));
  }

  @Test
  void packages_importOnlyLowerLayers() throws IOException {
    List<String> wrongArrows = new ArrayList<>();
    for (String from : packages()) {
      for (Path file : javaFiles(SOURCES.resolve(from))) {
        Matcher imported = IMPORT.matcher(read(file));
        while (imported.find()) {
          String to = imported.group(1);
          if (!to.equals(from) && !(LAYERS.get(to) < LAYERS.get(from))) {
            wrongArrows.add(from + " -> " + to + " (" + SOURCES.relativize(file) + ")");
          }
        }
      }
    }
    assertThat(wrongArrows).as("imports against the layer order").isEmpty();
  }

  @Test
  void nothingOutsideTheMavenPackage_importsMaven() throws IOException {
    List<String> offenders =
        javaFiles(SOURCES).stream()
            .filter(file -> !file.startsWith(SOURCES.resolve("maven")))
            .filter(ArchitectureTest::importsMaven)
            .map(Path::toString)
            .toList();
    assertThat(offenders).as("core classes importing org.apache.maven").isEmpty();
  }

  @Test
  void theChecksSeeTheSources() throws IOException {
    assertThat(javaFiles(SOURCES.resolve("maven")).stream().filter(ArchitectureTest::importsMaven))
        .as("Mojos import Maven")
        .isNotEmpty();
    assertThat(IMPORT.matcher(read(SOURCES.resolve("maven/AbstractLbMojo.java"))).find())
        .as("the import pattern matches the Mojos' imports of the core")
        .isTrue();
  }

  private static TreeSet<String> packages() throws IOException {
    try (Stream<Path> entries = Files.list(SOURCES)) {
      return entries
          .filter(Files::isDirectory)
          .map(dir -> dir.getFileName().toString())
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean importsMaven(Path file) {
    return read(file)
        .lines()
        .anyMatch(line -> line.matches("import (static )?org\\.apache\\.maven\\..*"));
  }
}
