package dev.lbops.deploy;

import dev.lbops.render.PemFile;
import dev.lbops.render.ShippedFile;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * How lb:diff describes a shipped file without revealing a secret: each certificate as its subject,
 * issuer, validity and fingerprint, a private key only as being there; any other file by its size
 * (its content is not shown: a script or a map may hold a token the build does not know).
 */
final class FileDescription {

  private FileDescription() {}

  static List<String> of(ShippedFile file) {
    List<String> lines = new ArrayList<>();
    if (!file.isText()) {
      lines.add("binary, " + file.content().length + " bytes");
      return lines;
    }
    String text = new String(file.content(), StandardCharsets.UTF_8);
    if (PemFile.isPem(text)) {
      try {
        PemFile pem = PemFile.parse(text);
        for (X509Certificate certificate : pem.certificates()) {
          lines.add("certificate: " + PemFile.describe(certificate));
        }
        if (pem.hasKey()) {
          lines.add("private key: present (not shown)");
        }
      } catch (IllegalArgumentException e) {
        lines.add("PEM that cannot be read: " + e.getMessage());
      }
      return lines;
    }
    lines.add("text, " + text.lines().count() + " lines, " + file.content().length + " bytes");
    return lines;
  }
}
