package dev.lbops.render;

import java.nio.file.Path;

/** One rendered config of one host. Its content may hold secrets: never log it. */
public record RenderedFile(String host, ConfigKind kind, String content) {

  /** Where it is written below the output directory: {@code <host>/etc/...}. */
  public Path localPath(Path outputDirectory) {
    return outputDirectory.resolve(host).resolve(kind.hostPath().substring(1));
  }
}
