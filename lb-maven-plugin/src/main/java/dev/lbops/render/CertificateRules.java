package dev.lbops.render;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.model.Certificate;
import dev.lbops.model.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every certificate a host ships, as HAProxy would need it and before any host is touched:
 * readable, its key (when the file holds one) the certificate's, valid now and for more than {@code
 * lb.certificateWarnDays} days (a warning below), and, when the CMDB names a {@code ca_file}, a
 * chain from the certificate to that CA complete in the file. Problems name the project's file.
 */
final class CertificateRules {

  private CertificateRules() {}

  static void check(
      HostConfig host,
      List<ShippedFile> files,
      Path filesDirectory,
      ShippedFiles.Options options,
      List<Problem> problems) {
    for (ShippedFile file : files) {
      if (!file.host().equals(host.name()) || !file.isText()) {
        continue;
      }
      String text = new String(file.content(), StandardCharsets.UTF_8);
      if (!PemFile.isPem(text)) {
        continue;
      }
      Location at = location(file, filesDirectory, host);
      PemFile pem;
      try {
        pem = PemFile.parse(text);
      } catch (IllegalArgumentException e) {
        problems.add(error(at, host, file, file.path() + ": " + e.getMessage(), "check the file"));
        continue;
      }
      if (pem.certificates().isEmpty()) {
        continue;
      }
      X509Certificate leaf = pem.certificates().get(0);
      if (pem.hasKey()) {
        Optional<X509Certificate> owner = keyOwner(host, file, pem, at, problems);
        if (owner.isEmpty()) {
          continue;
        }
        leaf = owner.get();
      }
      validity(host, file, leaf, at, options, problems);
      Optional<Certificate> described =
          host.haproxy().certificates().stream()
              .filter(c -> c.file().equals(file.path()) && !c.caFile().isEmpty())
              .findFirst();
      if (described.isPresent()) {
        chain(host, file, pem, leaf, described.get(), files, at, problems);
      }
    }
  }

  /** The certificate the file's key belongs to, or empty (reported) when it is none of them. */
  private static Optional<X509Certificate> keyOwner(
      HostConfig host, ShippedFile file, PemFile pem, Location at, List<Problem> problems) {
    if (pem.keyEncrypted()) {
      problems.add(
          error(
              at,
              host,
              file,
              file.path() + " holds an encrypted private key, which HAProxy cannot read",
              "ship it unencrypted, or give it from a settings.xml server with its <passphrase>"
                  + " (certificates: key_server_id)"));
      return Optional.empty();
    }
    PrivateKey key;
    try {
      key = pem.key(null);
    } catch (IllegalArgumentException e) {
      problems.add(error(at, host, file, file.path() + ": " + e.getMessage(), "check the key"));
      return Optional.empty();
    }
    Optional<X509Certificate> owner =
        pem.certificates().stream().filter(c -> PemFile.matches(key, c)).findFirst();
    if (owner.isEmpty()) {
      problems.add(
          error(
              at,
              host,
              file,
              file.path()
                  + ": its private key does not belong to its certificate ("
                  + PemFile.describe(pem.certificates().get(0))
                  + ")",
              "put the certificate and the key that was made with it together"));
    }
    return owner;
  }

  private static void validity(
      HostConfig host,
      ShippedFile file,
      X509Certificate certificate,
      Location at,
      ShippedFiles.Options options,
      List<Problem> problems) {
    Instant now = options.now();
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant notBefore = certificate.getNotBefore().toInstant();
    if (notAfter.isBefore(now)) {
      problems.add(
          error(
              at,
              host,
              file,
              file.path()
                  + ": the certificate expired on "
                  + notAfter
                  + " ("
                  + PemFile.describe(certificate)
                  + ")",
              "renew it and ship the new one"));
    } else if (notBefore.isAfter(now)) {
      problems.add(
          error(
              at,
              host,
              file,
              file.path() + ": the certificate is not valid before " + notBefore,
              "ship a certificate valid now (is this machine's clock right?)"));
    } else if (Duration.between(now, notAfter).toDays() < options.certificateWarnDays()) {
      problems.add(
          Problem.warning(
              at,
              host.name(),
              file.path(),
              file.path()
                  + ": the certificate expires in "
                  + Duration.between(now, notAfter).toDays()
                  + " days, on "
                  + notAfter
                  + " (fewer than lb.certificateWarnDays, "
                  + options.certificateWarnDays()
                  + ")",
              "renew it soon"));
    }
  }

  /** The chain from {@code leaf} through the file's other certificates to a CA of the CA file. */
  private static void chain(
      HostConfig host,
      ShippedFile file,
      PemFile pem,
      X509Certificate leaf,
      Certificate described,
      List<ShippedFile> files,
      Location at,
      List<Problem> problems) {
    Optional<ShippedFile> caFile =
        files.stream()
            .filter(f -> f.host().equals(host.name()) && f.path().equals(described.caFile()))
            .findFirst();
    if (caFile.isEmpty()) {
      problems.add(
          Problem.error(
              described.origin().of("ca_file"),
              host.name(),
              described.origin().key("ca_file"),
              described.caFile() + ", the CA of " + file.path() + ", is not shipped",
              "ship the CA's certificate at that path below the files directory"));
      return;
    }
    List<X509Certificate> authorities;
    try {
      authorities =
          PemFile.parse(new String(caFile.get().content(), StandardCharsets.UTF_8)).certificates();
    } catch (IllegalArgumentException e) {
      problems.add(error(at, host, file, described.caFile() + ": " + e.getMessage(), "check it"));
      return;
    }
    List<X509Certificate> intermediates = new ArrayList<>(pem.certificates());
    intermediates.remove(leaf);
    X509Certificate current = leaf;
    for (int depth = 0; depth <= intermediates.size(); depth++) {
      if (issuedByOneOf(current, authorities)) {
        return;
      }
      X509Certificate issuer = null;
      for (X509Certificate candidate : intermediates) {
        if (candidate != current && issued(current, candidate)) {
          issuer = candidate;
        }
      }
      if (issuer == null) {
        break;
      }
      current = issuer;
    }
    problems.add(
        error(
            at,
            host,
            file,
            file.path()
                + ": the chain is incomplete: nothing in the file or in "
                + described.caFile()
                + " issued "
                + current.getSubjectX500Principal().getName()
                + " (its issuer is "
                + current.getIssuerX500Principal().getName()
                + ")",
            "append the intermediate certificates to the file, in order, after the server's"));
  }

  private static boolean issuedByOneOf(X509Certificate child, List<X509Certificate> authorities) {
    return authorities.stream().anyMatch(ca -> issued(child, ca));
  }

  private static boolean issued(X509Certificate child, X509Certificate issuer) {
    if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      child.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Location location(ShippedFile file, Path filesDirectory, HostConfig host) {
    Path own = filesDirectory.resolve(host.name()).resolve(file.path().substring(1));
    Path shared = filesDirectory.resolve(file.path().substring(1));
    return Location.of(java.nio.file.Files.exists(own) ? own : shared);
  }

  private static Problem error(
      Location at, HostConfig host, ShippedFile file, String message, String hint) {
    return Problem.error(at, host.name(), file.path(), message, hint);
  }
}
