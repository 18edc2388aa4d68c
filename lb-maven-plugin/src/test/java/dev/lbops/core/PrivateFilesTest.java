package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

  @TempDir Path directory;

  @Test
  void aNewFile_isReadableByItsOwnerOnly_andNothingIsLeftBeside() throws IOException {
    Path file = directory.resolve("a/b/diff-report.json");

    PrivateFiles.write(file, "{\"diffs\": []}");

    assertThat(file).hasContent("{\"diffs\": []}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void aFileAnOlderVersionLeftReadableByOthers_isReplacedByAnOwnerOnlyOne() throws IOException {
    Path file = Files.writeString(directory.resolve(".passed-checks"), "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PrivateFiles.write(file, "new\n");

    assertThat(file).hasContent("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
