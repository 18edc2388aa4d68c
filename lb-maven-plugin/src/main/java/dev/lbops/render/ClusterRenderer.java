package dev.lbops.render;

import com.github.mustachejava.MustacheException;
import dev.lbops.core.Location;
import dev.lbops.core.PrivateFiles;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Templates;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Renders each host's {@code keepalived.conf} and {@code haproxy.cfg} from Mustache templates. The
 * same input always gives the same bytes: the header names the plugin version, the project and a
 * checksum of the inputs, never a time.
 */
public final class ClusterRenderer {

  private final TemplateSource source;
  private final Templates templates;

  public ClusterRenderer(TemplateSource templates) {
    this.source = templates;
    this.templates = new Templates(templates::open, Templates.Escaping.NONE);
  }

  /** The plugin's version, as built. */
  public static String pluginVersion() {
    try (InputStream in = ClusterRenderer.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Renders every host's files.
   *
   * @param producedFor the project the files belong to, such as {@code group:artifact:version}
   */
  public List<RenderedFile> render(Cluster cluster, String producedFor) {
    List<RenderedFile> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (HostConfig host : cluster.hosts()) {
      for (ConfigKind kind : ConfigKind.values()) {
        String header = header(host, kind, producedFor);
        Object view =
            kind == ConfigKind.KEEPALIVED
                ? KeepalivedView.of(header, host)
                : HaproxyView.of(header, host.haproxy());
        try {
          files.add(new RenderedFile(host.name(), kind, templates.render(kind.template(), view)));
        } catch (MustacheException | UncheckedIOException | IllegalArgumentException e) {
          problems.add(
              Problem.error(
                  new Location(kind.template(), 0, 0),
                  host.name(),
                  "",
                  "template failed: " + e.getMessage(),
                  "correct the template (an override in the project's template directory replaces the bundled one)"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException("Rendering failed", problems);
    }
    return files;
  }

  /**
   * Writes the files below {@code outputDirectory}, each in its host's directory (checked before
   * any is written) and readable by its owner only from the moment it exists (they hold secrets).
   */
  public List<Path> write(List<RenderedFile> files, Path outputDirectory) {
    List<Path> paths = files.stream().map(file -> file.localPath(outputDirectory)).toList();
    for (int i = 0; i < files.size(); i++) {
      PrivateFiles.write(paths.get(i), files.get(i).content());
    }
    return paths;
  }

  private String header(HostConfig host, ConfigKind kind, String producedFor) {
    return RenderedFile.HEADER_LINES.get(0)
        + pluginVersion()
        + " for "
        + producedFor
        + ", host "
        + host.name()
        + ".\n"
        + "# Inputs sha256:"
        + inputChecksum(host, kind)
        + " (CMDB "
        + String.join(", ", host.cmdbFiles())
        + "; template "
        + kind.template()
        + ").\n"
        + "# Do not edit: change the CMDB and run lb:render.";
  }

  private String inputChecksum(HostConfig host, ConfigKind kind) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      var h = host.host();
      String identity =
          String.join(
              "|",
              h.name(),
              h.address(),
              String.valueOf(h.port()),
              h.user(),
              h.os(),
              h.groups().toString(),
              h.attributes().toString());
      digest.update(identity.getBytes(StandardCharsets.UTF_8));
      for (String file : host.cmdbFiles()) {
        digest.update(file.getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(host.cmdbDirectory().resolve(file)));
      }
      digest.update(source.text(kind.template()).getBytes(StandardCharsets.UTF_8));
      for (String partial : kind.partials()) {
        digest.update(source.text(partial).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CMDB file for the checksum", e);
    }
  }
}
