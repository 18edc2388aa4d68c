package dev.lbops.render;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests (and lab tests): server certificates for a VIP, valid or
 * expired.
 */
public final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path directory;
  private final KeyPair caKey;
  private final X509CertificateHolder ca;

  public TestPki(Path directory) {
    this.directory = directory;
    this.caKey = keyPair();
    X500Name name = new X500Name("CN=lb-maven-plugin lab CA");
    this.ca =
        sign(
            name,
            caKey,
            name,
            caKey,
            Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(3650),
            true,
            null);
    write(caFile(), pem(ca));
  }

  private TestPki(Path directory, KeyPair key, X509CertificateHolder certificate) {
    this.directory = directory;
    this.caKey = key;
    this.ca = certificate;
    write(caFile(), pem(ca));
  }

  /** An intermediate CA this one issued, keeping its files in {@code directory}. */
  public TestPki intermediate(Path directory) {
    KeyPair key = keyPair();
    X509CertificateHolder certificate =
        sign(
            new X500Name("CN=lb-maven-plugin lab intermediate"),
            key,
            ca.getSubject(),
            caKey,
            Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(3650),
            true,
            null);
    return new TestPki(directory, key, certificate);
  }

  /**
   * This CA's certificate as PEM: what a server's file appends after its own to complete its chain.
   */
  public String caPem() {
    return pem(ca);
  }

  /** The CA's certificate, as clients check the servers against it. */
  public Path caFile() {
    return directory.resolve("ca.pem");
  }

  /** A server's certificate (without its key) and its key, in files of their own. */
  public record Server(Path certificate, Path key, String pemWithoutKey, String keyPem) {}

  /**
   * A certificate for {@code name} and the IP {@code address}, valid from yesterday for {@code
   * days}.
   */
  public Server server(String label, String name, String address, int days) {
    return server(
        label, name, address, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(days));
  }

  /** A certificate that expired yesterday. */
  public Server expired(String label, String name, String address) {
    return server(
        label, name, address, Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(9));
  }

  private Server server(String label, String name, String address, Instant from, Duration valid) {
    KeyPair key = keyPair();
    GeneralNames names =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, name),
              new GeneralName(GeneralName.iPAddress, address)
            });
    X509CertificateHolder certificate =
        sign(new X500Name("CN=" + name), key, ca.getSubject(), caKey, from, valid, false, names);
    Path certificateFile = directory.resolve(label + ".crt");
    Path keyFile = directory.resolve(label + ".key");
    write(certificateFile, pem(certificate));
    write(keyFile, pkcs8(key));
    return new Server(certificateFile, keyFile, pem(certificate), pkcs8(key));
  }

  private static X509CertificateHolder sign(
      X500Name subject,
      KeyPair subjectKey,
      X500Name issuer,
      KeyPair issuerKey,
      Instant from,
      Duration valid,
      boolean authority,
      GeneralNames names) {
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(from),
              Date.from(from.plus(valid)),
              subject,
              subjectKey.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      return builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as OpenSSL writes it by default ({@code BEGIN PRIVATE KEY}). */
  private static String pkcs8(KeyPair key) {
    try {
      return pem(new JcaPKCS8Generator(key.getPrivate(), null).generate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
