package dev.lbops.render;

import dev.lbops.core.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A PEM file's certificates and private key, as HAProxy reads a {@code crt} file: the certificates
 * in order (the server's first, then its chain) and at most one key, in any PEM form OpenSSL writes
 * (PKCS#8, PKCS#1 RSA, SEC1 EC; encrypted with a passphrase). Only certificates are ever described;
 * a key's text is masked wherever the file is shown.
 */
public final class PemFile {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern KEY_LABEL = Pattern.compile("(?:[A-Z0-9]+ )*PRIVATE KEY");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final List<X509Certificate> certificates;
  private final String keyBlock;

  private PemFile(List<X509Certificate> certificates, String keyBlock) {
    this.certificates = List.copyOf(certificates);
    this.keyBlock = keyBlock;
  }

  /** Whether {@code text} holds a PEM block at all (a file that does is read as one). */
  public static boolean isPem(String text) {
    return BLOCK.matcher(text).find();
  }

  /**
   * Reads the certificates and the key block of {@code text}.
   *
   * @throws IllegalArgumentException with what is wrong, when a certificate cannot be read or the
   *     file holds two keys
   */
  public static PemFile parse(String text) {
    List<X509Certificate> certificates = new ArrayList<>();
    String key = null;
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String label = m.group(1);
      if (label.equals("CERTIFICATE") || label.equals("TRUSTED CERTIFICATE")) {
        certificates.add(certificate(m.group()));
      } else if (KEY_LABEL.matcher(label).matches()) {
        if (key != null) {
          throw new IllegalArgumentException("it holds two private keys");
        }
        key = m.group();
      }
    }
    return new PemFile(certificates, key);
  }

  private static X509Certificate certificate(String block) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "a certificate in it cannot be read: " + e.getMessage(), e);
    }
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  public boolean hasKey() {
    return keyBlock != null;
  }

  /** Whether the key is encrypted: HAProxy cannot read it then (it would ask for a passphrase). */
  public boolean keyEncrypted() {
    return keyBlock != null
        && (keyBlock.contains("ENCRYPTED") || keyBlock.contains("Proc-Type: 4,ENCRYPTED"));
  }

  /**
   * The private key.
   *
   * @param passphrase for an encrypted key, or {@code null}
   * @throws IllegalArgumentException when it cannot be read (or decrypted)
   */
  public PrivateKey key(Secret passphrase) {
    if (keyBlock == null) {
      throw new IllegalArgumentException("it holds no private key");
    }
    try (PEMParser parser = new PEMParser(new StringReader(keyBlock))) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      char[] password = passphrase == null ? null : passphrase.reveal().toCharArray();
      if (read instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (read instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (password == null) {
        throw new IllegalArgumentException(
            "its private key is encrypted and no passphrase was given");
      }
      if (read instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        return converter.getPrivateKey(
            encrypted.decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password)));
      }
      if (read instanceof PEMEncryptedKeyPair encrypted) {
        return converter.getPrivateKey(
            encrypted
                .decryptKeyPair(new JcePEMDecryptorProviderBuilder().build(password))
                .getPrivateKeyInfo());
      }
      throw new IllegalArgumentException("its private key is in a form that cannot be read");
    } catch (PKCSException | PEMException | OperatorCreationException e) {
      throw new IllegalArgumentException(
          keyEncrypted()
              ? "its private key cannot be decrypted (is the passphrase right?)"
              : "its private key cannot be read: " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("its private key cannot be read: " + e.getMessage(), e);
    }
  }

  /** The key as unencrypted PKCS#8 PEM, the form HAProxy reads without a passphrase. */
  public static String pkcs8(PrivateKey key) {
    String base64 =
        java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
  }

  /** Whether {@code key} is the private half of {@code certificate}'s public key. */
  public static boolean matches(PrivateKey key, X509Certificate certificate) {
    PublicKey publicKey = certificate.getPublicKey();
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA", "RSASSA-PSS" -> "SHA256withRSA";
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "DSA" -> "SHA256withDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA sign as themselves
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A certificate as the diff and messages show it: subject, issuer, validity, fingerprint. */
  public static String describe(X509Certificate certificate) {
    return "subject "
        + certificate.getSubjectX500Principal().getName()
        + ", issuer "
        + certificate.getIssuerX500Principal().getName()
        + ", valid "
        + DAY.format(certificate.getNotBefore().toInstant())
        + " to "
        + DAY.format(certificate.getNotAfter().toInstant())
        + ", SHA-256 "
        + fingerprint(certificate);
  }

  /** The certificate's SHA-256 fingerprint as OpenSSL prints it ({@code AB:CD:...}). */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.ofDelimiter(":")
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code text} with every private key's body masked: what the package zip and the diff show of a
   * file that holds one.
   */
  public static String redactKeys(String text) {
    Matcher m = BLOCK.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement =
          KEY_LABEL.matcher(m.group(1)).matches()
              ? "-----BEGIN "
                  + m.group(1)
                  + "-----\n"
                  + Secret.MASK
                  + "\n-----END "
                  + m.group(1)
                  + "-----"
              : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Whether {@code text} holds a private key block. */
  public static boolean holdsKey(String text) {
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (KEY_LABEL.matcher(m.group(1)).matches()) {
        return true;
      }
    }
    return false;
  }
}
