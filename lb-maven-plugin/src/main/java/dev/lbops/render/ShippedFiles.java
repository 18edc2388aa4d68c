package dev.lbops.render;

import dev.lbops.core.Location;
import dev.lbops.core.PrivateFiles;
import dev.lbops.core.Problem;
import dev.lbops.model.Certificate;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files a project ships with its configs ({@code lb.filesDirectory}): a tree that mirrors the
 * host ({@code etc/haproxy/certs/site.pem} goes to {@code /etc/haproxy/certs/site.pem}), shared by
 * every host, and a tree per host ({@code <host>/etc/...}) that wins over it. Only paths below
 * {@link #ROOTS} are shipped. A certificate the CMDB describes gets its private key from a
 * settings.xml server when the project holds none; every certificate is checked ({@link
 * CertificateRules}).
 */
public final class ShippedFiles {

  /** The directory of scripts the plugin owns on each host (notify and check scripts). */
  public static final String SCRIPTS_DIRECTORY = "/usr/local/lib/lb-maven-plugin/";

  /** Where shipped files may go. */
  public static final List<String> ROOTS =
      List.of("/etc/haproxy/", "/etc/keepalived/", SCRIPTS_DIRECTORY);

  /** Names the plugin gives files beside their targets, never a shipped file's. */
  static final List<String> RESERVED = List.of(".lb-new", ".lb-backup", ".lb-stage", ".lb-check");

  private static final long MAX_BYTES = 16L << 20;
  private static final String SEGMENT = "[A-Za-z0-9_+@=,-][A-Za-z0-9._+@=,-]*";

  private ShippedFiles() {}

  /** What a project ships, and how its certificates are checked. */
  public record Options(Path filesDirectory, int certificateWarnDays, Instant now) {}

  /**
   * Every host's files, host trees winning over the shared one, in path order; problems (an entry
   * that is no host, a path the plugin may not ship, a certificate that fails its checks) are added
   * to {@code problems}.
   *
   * @param references the paths the rendered configs name: a keepalived script or notify program is
   *     shipped executable
   */
  public static List<ShippedFile> collect(
      Cluster cluster, Options options, List<FileReference> references, List<Problem> problems) {
    Path directory = options.filesDirectory();
    if (directory == null || !Files.isDirectory(directory)) {
      certificatesWithoutFiles(cluster, directory, problems);
      return List.of();
    }
    List<String> hosts = cluster.hosts().stream().map(HostConfig::name).toList();
    Map<String, Path> shared = new TreeMap<>();
    Map<String, Map<String, Path>> perHost = new TreeMap<>();
    for (Path entry : list(directory)) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (name.equals("etc") || name.equals("usr")) {
        tree(directory, entry, shared, problems);
      } else if (hosts.contains(name) && Files.isDirectory(entry)) {
        Map<String, Path> own = perHost.computeIfAbsent(name, host -> new TreeMap<>());
        for (Path root : list(entry)) {
          if (!root.getFileName().toString().startsWith(".")) {
            tree(entry, root, own, problems);
          }
        }
      } else {
        problems.add(
            Problem.error(
                Location.of(entry),
                "",
                "lb.filesDirectory",
                "'" + name + "' is neither a host of the cluster " + hosts + " nor etc/ or usr/",
                "put files for every host below etc/ (etc/haproxy/certs/site.pem) and a host's own"
                    + " below <host>/etc/..."));
      }
    }
    List<ShippedFile> files = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      Map<String, Path> mine = new TreeMap<>(shared);
      mine.putAll(perHost.getOrDefault(host.name(), Map.of()));
      Map<String, Certificate> described = new TreeMap<>();
      host.haproxy().certificates().forEach(c -> described.put(c.file(), c));
      for (Map.Entry<String, Path> file : mine.entrySet()) {
        String path = file.getKey();
        Path source = file.getValue();
        byte[] content = read(source);
        Certificate certificate = described.remove(path);
        if (certificate != null && !certificate.keyServerId().isEmpty()) {
          Optional<byte[]> completed = withKey(host, certificate, source, content, problems);
          if (completed.isEmpty()) {
            continue;
          }
          content = completed.get();
        }
        boolean executable =
            path.startsWith(SCRIPTS_DIRECTORY)
                || isExecutable(source)
                || references.stream()
                    .anyMatch(
                        r -> r.host().equals(host.name()) && r.program() && r.path().equals(path));
        String shownSource =
            Location.display(source)
                + (certificate != null && !certificate.keyServerId().isEmpty()
                    ? " + the key of settings.xml server '" + certificate.keyServerId() + "'"
                    : "");
        files.add(new ShippedFile(host.name(), path, content, executable, shownSource));
      }
      for (Certificate missing : described.values()) {
        problems.add(
            Problem.error(
                missing.origin().of("file"),
                host.name(),
                missing.origin().key("file"),
                missing.file() + " is described under certificates but not shipped",
                "put the certificate (with its chain) at "
                    + Location.display(directory.resolve(missing.file().substring(1)))
                    + " (or below "
                    + host.name()
                    + "/ for this host only)"));
      }
      CertificateRules.check(host, files, directory, options, problems);
    }
    return files;
  }

  /** A shipped certificate completed with its key from settings.xml, or empty (reported). */
  private static Optional<byte[]> withKey(
      HostConfig host,
      Certificate certificate,
      Path source,
      byte[] content,
      List<Problem> problems) {
    String text = new String(content, StandardCharsets.UTF_8);
    Location at = Location.of(source);
    if (PemFile.holdsKey(text)) {
      problems.add(
          Problem.error(
              at,
              host.name(),
              certificate.origin().key("key_server_id"),
              "the project's "
                  + certificate.file()
                  + " holds a private key, and settings.xml"
                  + " server '"
                  + certificate.keyServerId()
                  + "' gives another",
              "keep the key out of the repository: remove it from the file, or remove"
                  + " key_server_id"));
      return Optional.empty();
    }
    Path keyFile = Path.of(certificate.keyFile());
    if (!Files.isReadable(keyFile)) {
      problems.add(
          Problem.error(
              certificate.origin().of("key_server_id"),
              host.name(),
              certificate.origin().key("key_server_id"),
              "the private key file of settings.xml server '"
                  + certificate.keyServerId()
                  + "' cannot be read: "
                  + keyFile,
              "point that server's <privateKey> at the key's PEM file"));
      return Optional.empty();
    }
    try {
      PemFile key = PemFile.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
      PrivateKey privateKey = key.key(certificate.keyPassphrase());
      String pem = text.endsWith("\n") ? text : text + "\n";
      return Optional.of((pem + PemFile.pkcs8(privateKey)).getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IOException e) {
      problems.add(
          Problem.error(
              certificate.origin().of("key_server_id"),
              host.name(),
              certificate.origin().key("key_server_id"),
              "the private key of settings.xml server '"
                  + certificate.keyServerId()
                  + "' ("
                  + keyFile
                  + "): "
                  + e.getMessage(),
              "give that server's <privateKey> a PEM private key (and its <passphrase> when it"
                  + " is encrypted)"));
      return Optional.empty();
    }
  }

  private static void certificatesWithoutFiles(
      Cluster cluster, Path directory, List<Problem> problems) {
    for (HostConfig host : cluster.hosts()) {
      for (Certificate certificate : host.haproxy().certificates()) {
        problems.add(
            Problem.error(
                certificate.origin().of("file"),
                host.name(),
                certificate.origin().key("file"),
                certificate.file()
                    + " is described under certificates but not shipped: there is"
                    + " no files directory"
                    + (directory == null ? "" : " " + Location.display(directory)),
                "put the certificate below the files directory (lb.filesDirectory, by default"
                    + " src/main/lb-files) at etc/haproxy/..."));
      }
    }
  }

  /** Adds each regular file below {@code root} by its path on the host. */
  private static void tree(Path base, Path root, Map<String, Path> files, List<Problem> problems) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.sorted().toList()) {
        if (Files.isDirectory(file) || file.getFileName().toString().startsWith(".")) {
          continue;
        }
        String path = "/" + base.relativize(file).toString().replace('\\', '/');
        Optional<String> refusal = refusal(path, file);
        if (refusal.isPresent()) {
          problems.add(
              Problem.error(Location.of(file), "", "lb.filesDirectory", refusal.get(), hint(path)));
          continue;
        }
        files.put(path, file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + root, e);
    }
  }

  private static Optional<String> refusal(String path, Path file) {
    if (ROOTS.stream().noneMatch(path::startsWith)) {
      return Optional.of(
          path + " is outside what the plugin ships (" + String.join(", ", ROOTS) + ")");
    }
    if (Stream.of(ConfigKind.values()).anyMatch(kind -> kind.hostPath().equals(path))) {
      return Optional.of(path + " is rendered from the CMDB, not shipped as a file");
    }
    if (!Stream.of(path.substring(1).split("/")).allMatch(segment -> segment.matches(SEGMENT))) {
      return Optional.of(
          path + " has a name with other characters than letters, digits and ._+@=,-");
    }
    if (RESERVED.stream().anyMatch(path::contains)) {
      return Optional.of(path + " uses a name the plugin keeps for itself (" + RESERVED + ")");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.of(path + " is not a regular file");
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        return Optional.of(path + " is larger than 16 MiB");
      }
    } catch (IOException e) {
      return Optional.of(path + " cannot be read: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static String hint(String path) {
    return "keep files below etc/haproxy/, etc/keepalived/ or usr/local/lib/lb-maven-plugin/ of the"
        + " files directory (or <host>/...), named with letters, digits and ._+@=,-";
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + directory, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static boolean isExecutable(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Writes each file below {@code outputDirectory} as {@code <host>/<path>}, readable by its owner
   * only (a certificate may hold its key), programs executable by their owner; files an earlier run
   * wrote there that are no longer shipped are removed.
   */
  public static void write(List<ShippedFile> files, Path outputDirectory, Cluster cluster) {
    removeStale(files, outputDirectory, cluster);
    for (ShippedFile file : files) {
      Path target = file.localPath(outputDirectory);
      PrivateFiles.write(target, file.content());
      if (file.executable()) {
        try {
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
          // A file system without POSIX modes: the check then runs the stand-in of the host's file.
        }
      }
    }
  }

  /**
   * Removes files an earlier run wrote below {@code outputDirectory} that are no longer shipped.
   */
  private static void removeStale(List<ShippedFile> files, Path outputDirectory, Cluster cluster) {
    for (HostConfig host : cluster.hosts()) {
      for (String root : ROOTS) {
        Path local = outputDirectory.resolve(host.name()).resolve(root.substring(1));
        if (!Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(local)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            String path = "/" + outputDirectory.resolve(host.name()).relativize(file);
            boolean shipped =
                files.stream().anyMatch(f -> f.host().equals(host.name()) && f.path().equals(path));
            boolean config =
                Stream.of(ConfigKind.values()).anyMatch(kind -> kind.hostPath().equals(path));
            if (!shipped && !config) {
              Files.deleteIfExists(file);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot clean " + local, e);
        }
      }
    }
  }
}
