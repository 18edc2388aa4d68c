package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

  @TempDir Path directory;

  private String problemOf(byte[] content, int maxBytes) throws IOException {
    Path file = Files.write(directory.resolve("default.yml"), content);
    try {
      TextFiles.read(file, "cmdb/default.yml", "CMDB file", maxBytes);
    } catch (ProblemsException e) {
      assertThat(e.getMessage()).startsWith("CMDB file cmdb/default.yml cannot be read");
      return e.problems().get(0).format();
    }
    throw new AssertionError("no problem");
  }

  @Test
  void utf8Text_isRead_withoutItsByteOrderMark() throws IOException {
    Path file =
        Files.write(
            directory.resolve("a.yml"), "\uFEFFname: Zürich\n".getBytes(StandardCharsets.UTF_8));

    assertThat(TextFiles.read(file, "a.yml", "CMDB file", 100)).isEqualTo("name: Zürich\n");
  }

  @Test
  void aByteThatIsNotUtf8_isNamedWithItsLineAndColumn() throws IOException {
    byte[] latin1 = "a: 1\nname: Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(problemOf(latin1, 100))
        .isEqualTo("cmdb/default.yml:2:8: byte 0xFC is not UTF-8 (fix: save the file as UTF-8)");
  }

  @Test
  void aNulByte_isNamedWithItsLine_andPointsToUtf16() throws IOException {
    assertThat(problemOf("a: 1\nb: x\u0000y\n".getBytes(StandardCharsets.UTF_8), 100))
        .startsWith("cmdb/default.yml:2:5: the file holds a NUL byte (is it UTF-16");
    assertThat(problemOf("a: 1\n".getBytes(StandardCharsets.UTF_16LE), 100))
        .startsWith("cmdb/default.yml:1:2: the file holds a NUL byte");
  }

  @Test
  void aUtf16File_isRecognisedByItsByteOrderMark() throws IOException {
    assertThat(problemOf("a: 1\n".getBytes(StandardCharsets.UTF_16), 100))
        .isEqualTo(
            "cmdb/default.yml:1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark)"
                + " (fix: save it as UTF-8)");
  }

  @Test
  void aControlCharacter_isNamedEscaped() throws IOException {
    assertThat(problemOf("a: \u001b[31m\n".getBytes(StandardCharsets.UTF_8), 100))
        .isEqualTo(
            "cmdb/default.yml:1:4: the file holds the control character \\u001b (fix: remove it)");
  }

  @Test
  void aFileOverTheBudget_isRefused_atTheLineWhereReadingStopped() throws IOException {
    assertThat(problemOf("a: 1\nb: 2\nc: 3\n".getBytes(StandardCharsets.UTF_8), 8))
        .startsWith("cmdb/default.yml:2: the file is larger than 8 bytes; reading stopped");
  }

  @Test
  void aMissingOrUnreadableFile_namesTheFile() throws IOException {
    assertThatThrownBy(
            () -> TextFiles.read(directory.resolve("none.ini"), "server.ini", "inventory", 100))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("server.ini: the file does not exist");
    assertThatThrownBy(() -> TextFiles.read(directory, "cmdb", "CMDB file", 100))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("cmdb: the file cannot be read")
        .hasMessageContaining("name a file, not a directory");
  }
}
