package dev.lbops.render;

import dev.lbops.model.Cluster;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The rendered configs of a cluster as one zip, {@code <host>/etc/...} per file: the versioned
 * record of a release. Reproducible (entries sorted, one fixed time) and without secrets: VRRP,
 * stats and userlist passwords are redacted, since the archive goes to repositories; lb:deploy
 * renders them again with the secrets from settings.xml.
 */
public final class ConfigArchive {

  private ConfigArchive() {}

  /**
   * @param time the entries' time, such as {@code project.build.outputTimestamp}
   */
  public static void write(Cluster cluster, List<RenderedFile> files, Path zip, Instant time) {
    try {
      Files.createDirectories(zip.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(zip);
          ZipOutputStream archive = new ZipOutputStream(out)) {
        for (RenderedFile file :
            files.stream()
                .sorted(Comparator.comparing(RenderedFile::host).thenComparing(RenderedFile::kind))
                .toList()) {
          // The entry's name is checked as the file's local path is: it never leads out of the zip.
          file.localPath(Path.of("lb"));
          ZipEntry entry = new ZipEntry(file.host() + "/" + file.kind().hostPath().substring(1));
          entry.setLastModifiedTime(FileTime.from(time));
          archive.putNextEntry(entry);
          archive.write(
              file.kind()
                  .redact(file.content(), cluster.host(file.host()).secrets())
                  .getBytes(StandardCharsets.UTF_8));
          archive.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + zip, e);
    }
  }
}
