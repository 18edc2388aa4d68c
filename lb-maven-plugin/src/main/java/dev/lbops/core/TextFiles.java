package dev.lbops.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a text file from outside (a CMDB YAML file, a server.ini) strictly as UTF-8, within a size
 * budget. Every I/O and encoding error is a problem naming the file and, where there is one, the
 * line and column: a byte that is not UTF-8, a NUL or other control character, a UTF-16 or UTF-32
 * file, a file too large.
 */
public final class TextFiles {

  private TextFiles() {}

  /**
   * The file's text, without a UTF-8 byte order mark.
   *
   * @param shown the file as messages name it
   * @param what what the file is, for the message: "CMDB file", "inventory"
   * @param maxBytes the largest file read; a larger one is a problem at the line the limit falls on
   * @throws ProblemsException naming the file (and line) when it cannot be read as UTF-8 text
   */
  public static String read(Path file, String shown, String what, int maxBytes) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      throw problem(what, shown, 0, 0, "the file does not exist", "create it or correct the path");
    } catch (AccessDeniedException e) {
      throw problem(
          what, shown, 0, 0, "the file cannot be read: permission denied", "let this user read it");
    } catch (IOException e) {
      throw problem(
          what,
          shown,
          0,
          0,
          "the file cannot be read: " + Shown.escaped(String.valueOf(e.getMessage())),
          Files.isDirectory(file) ? "name a file, not a directory" : "check the file");
    }
    if (bytes.length > maxBytes) {
      throw problem(
          what,
          shown,
          lineAt(bytes, maxBytes),
          0,
          "the file is larger than " + maxBytes + " bytes; reading stopped at this line",
          "split it, or remove what it does not need");
    }
    String encoding = byteOrderMark(bytes);
    if (encoding != null) {
      throw problem(
          what,
          shown,
          1,
          1,
          "the file is " + encoding + " (it starts with a " + encoding + " byte order mark)",
          "save it as UTF-8");
    }
    String text = decode(bytes, what, shown);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\r') {
        throw problem(
            what,
            shown,
            line,
            column,
            c == 0
                ? "the file holds a NUL byte (is it UTF-16 without a byte order mark?)"
                : "the file holds the control character " + Shown.escaped(String.valueOf(c)),
            c == 0 ? "save it as UTF-8" : "remove it");
      }
      column++;
    }
    return text;
  }

  private static String decode(byte[] bytes, String what, String shown) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int lineStart = offset;
      while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
        lineStart--;
      }
      int column =
          new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
      throw problem(
          what,
          shown,
          lineAt(bytes, offset),
          column,
          String.format("byte 0x%02X is not UTF-8", bytes[offset] & 0xFF),
          "save the file as UTF-8");
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  private static String byteOrderMark(byte[] b) {
    if (b.length >= 4
        && (b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF
            || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0)) {
      return "UTF-32";
    }
    if (b.length >= 2
        && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF
            || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
      return "UTF-16";
    }
    return null;
  }

  /** The 1-based line of byte {@code offset}. */
  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static ProblemsException problem(
      String what, String shown, int line, int column, String message, String hint) {
    return new ProblemsException(
        what + " " + shown + " cannot be read",
        List.of(Problem.error(new Location(shown, line, column), "", "", message, hint)));
  }
}
