package dev.lbops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core knows nothing of Maven: only dev.lbops.maven may import it. */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/lbops");

  @Test
  void nothingOutsideTheMavenPackage_importsMaven() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      offenders =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> !file.startsWith(SOURCES.resolve("maven")))
              .filter(ArchitectureTest::importsMaven)
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).as("core classes importing org.apache.maven").isEmpty();
  }

  @Test
  void theCheckSeesTheSources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES.resolve("maven"))) {
      assertThat(
              files
                  .filter(file -> file.toString().endsWith(".java"))
                  .filter(ArchitectureTest::importsMaven))
          .as("Mojos import Maven")
          .isNotEmpty();
    }
  }

  private static boolean importsMaven(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .anyMatch(line -> line.matches("import (static )?org\\.apache\\.maven\\..*"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
