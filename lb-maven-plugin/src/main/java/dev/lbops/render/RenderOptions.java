package dev.lbops.render;

import java.nio.file.Path;

/**
 * How to render.
 *
 * @param producedFor the project named in each file's header, such as {@code
 *     group:artifact:version}
 * @param checkWithTools check each file with {@code haproxy -c} / {@code keepalived -t} when
 *     installed
 * @param filesDirectory the files shipped with the configs ({@code lb.filesDirectory}), or {@code
 *     null} for none
 * @param certificateWarnDays a shipped certificate valid for fewer days is warned about
 */
public record RenderOptions(
    Path outputDirectory,
    TemplateSource templates,
    String producedFor,
    boolean checkWithTools,
    Path filesDirectory,
    int certificateWarnDays) {

  /** Certificates valid for fewer days are warned about, unless told otherwise. */
  public static final int CERTIFICATE_WARN_DAYS = 30;

  /** Rendering without shipped files. */
  public RenderOptions(
      Path outputDirectory, TemplateSource templates, String producedFor, boolean checkWithTools) {
    this(outputDirectory, templates, producedFor, checkWithTools, null, CERTIFICATE_WARN_DAYS);
  }

  /** These options with the files of {@code directory} shipped. */
  public RenderOptions withFiles(Path directory) {
    return new RenderOptions(
        outputDirectory, templates, producedFor, checkWithTools, directory, certificateWarnDays);
  }
}
