package dev.lbops.render;

import dev.lbops.core.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Files a local check reads in place of those a config names that are neither shipped nor on this
 * machine (they must be on the host, whose own check sees them): a throwaway self-signed
 * certificate with its key, an empty CRL, an empty map, an error page, an empty Lua file, a program
 * that succeeds. The rest of the config is checked as it is.
 */
final class StandIns {

  private final Path directory;

  StandIns(Path directory) {
    this.directory = directory;
  }

  /**
   * The stand-in for a reference, or empty when there is none for its kind. Synchronized: the local
   * checks of several hosts ask at once, and a stand-in is made only once.
   */
  synchronized Optional<Path> forReference(FileReference reference) {
    return switch (reference.keyword()) {
      case "crt" -> Optional.of(reference.directory() ? certificates() : certificate());
      case "ca-file", "ca-verify-file" -> Optional.of(authority());
      case "ca-sign-file" -> Optional.of(certificate());
      case "crl-file" -> Optional.of(crl());
      case "crt-list" -> Optional.of(crtList());
      case "issuers-chain-path" -> Optional.of(issuers());
      case "errorfile" -> Optional.of(file("error.http", ERROR_PAGE, false));
      case "lua-load", "lua-load-per-thread" -> Optional.of(file("empty.lua", "", false));
      case "ssl-dh-param-file" -> Optional.empty();
      default ->
          reference.program()
              ? Optional.of(file("program.sh", "#!/bin/sh\nexit 0\n", true))
              : Optional.of(file("empty.lst", "", false));
    };
  }

  private static final String ERROR_PAGE =
      "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\nConnection: close\r\n"
          + "Content-Type: text/html\r\n\r\n<html><body>stand-in</body></html>\n";

  private Path certificate() {
    Path file = directory.resolve("certificate.pem");
    if (!Files.exists(file)) {
      KeyPair pair = keyPair();
      PrivateFiles.write(file, pem(certificateOf(pair)) + PemFile.pkcs8(pair.getPrivate()));
    }
    return file;
  }

  private Path certificates() {
    Path dir = directory.resolve("certificates");
    Path inside = dir.resolve("certificate.pem");
    if (!Files.exists(inside)) {
      try {
        Files.createDirectories(dir);
        Files.copy(certificate(), inside);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + inside, e);
      }
    }
    return dir;
  }

  private Path authority() {
    Path file = directory.resolve("ca.pem");
    if (!Files.exists(file)) {
      PrivateFiles.write(file, pem(certificateOf(keyPair())));
    }
    return file;
  }

  private Path crl() {
    Path file = directory.resolve("crl.pem");
    if (!Files.exists(file)) {
      KeyPair pair = keyPair();
      Date now = new Date();
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(new X500Name("CN=lb-maven-plugin stand-in"), now);
      builder.setNextUpdate(Date.from(now.toInstant().plus(Duration.ofDays(3650))));
      X509CRLHolder crl = builder.build(signer(pair));
      PrivateFiles.write(file, pem(crl));
    }
    return file;
  }

  private Path crtList() {
    return file("crt-list.txt", certificate().toAbsolutePath() + "\n", false);
  }

  private Path issuers() {
    Path dir = directory.resolve("issuers");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make " + dir, e);
    }
    return dir;
  }

  private Path file(String name, String content, boolean executable) {
    Path file = directory.resolve(name);
    if (!Files.exists(file)) {
      PrivateFiles.write(file, content);
      if (executable) {
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
          throw new IllegalStateException("Cannot make " + file + " executable", e);
        }
      }
    }
    return file;
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot make an EC key", e);
    }
  }

  private static ContentSigner signer(KeyPair pair) {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("This JVM cannot sign with ECDSA", e);
    }
  }

  private static X509CertificateHolder certificateOf(KeyPair pair) {
    X500Name name = new X500Name("CN=lb-maven-plugin stand-in");
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            name,
            pair.getPublic())
        .build(signer(pair));
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
