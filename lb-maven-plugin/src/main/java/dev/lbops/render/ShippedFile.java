package dev.lbops.render;

import dev.lbops.core.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file shipped with one host's configs: where it goes, what it holds and how it is shown. Its
 * content may hold a private key: never log it, and show it only through {@link #shown()}.
 *
 * @param path where it goes on the host, such as {@code /etc/haproxy/certs/site.pem}
 * @param executable whether it is a program (mode 700 on the host, else 600)
 * @param source where it came from: the project's file (and the settings.xml key's server)
 */
public record ShippedFile(
    String host, String path, byte[] content, boolean executable, String source) {

  public ShippedFile {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** SHA-256 of the content, as {@code sha256sum} prints it. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mode it gets on the host. */
  public String mode() {
    return executable ? "700" : "600";
  }

  /** Whether it is text a person can read (UTF-8 without NUL). */
  public boolean isText() {
    String text = new String(content, StandardCharsets.UTF_8);
    return !text.contains("\0") && Arrays.equals(text.getBytes(StandardCharsets.UTF_8), content);
  }

  /** Whether it holds a private key. */
  public boolean holdsKey() {
    return isText() && PemFile.holdsKey(new String(content, StandardCharsets.UTF_8));
  }

  /**
   * The content as it may be shown or archived: text with each private key's body masked; a binary
   * file as it is.
   */
  public byte[] shown() {
    if (!holdsKey()) {
      return content();
    }
    return PemFile.redactKeys(new String(content, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Where the file is written below the output directory: {@code <host>/<path>}. */
  public Path localPath(Path outputDirectory) {
    return outputDirectory.resolve(host).resolve(path.substring(1));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShippedFile file
        && host.equals(file.host)
        && path.equals(file.path)
        && Arrays.equals(content, file.content)
        && executable == file.executable;
  }

  @Override
  public int hashCode() {
    return Checksums.sha256(host + path).hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "ShippedFile[" + host + ":" + path + ", " + content.length + " bytes]";
  }
}
