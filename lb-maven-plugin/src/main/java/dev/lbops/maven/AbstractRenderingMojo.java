package dev.lbops.maven;

import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The base of the goals that render the configs into the output directory: render and package, and
 * those that compare them with the hosts or ship them.
 */
public abstract class AbstractRenderingMojo extends AbstractClusterMojo {

  /**
   * Where the files go: {@code <host>/etc/keepalived/keepalived.conf} and {@code
   * <host>/etc/haproxy/haproxy.cfg} below it; {@code target/lb} in a folder without a pom.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.OUTPUT_DIRECTORY,
      defaultValue = "${project.build.directory}/lb")
  File outputDirectory;

  /**
   * A directory whose {@code keepalived.conf.mustache}, {@code haproxy.cfg.mustache}, {@code
   * haproxy-proxy.mustache} or {@code report.html.mustache} (lb:verify's HTML report) replace the
   * bundled templates.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.TEMPLATE_DIRECTORY,
      defaultValue = "${basedir}/src/main/lb-templates")
  File templateDirectory;

  /**
   * Checks each rendered file with {@code haproxy -c} and {@code keepalived -t} when they are
   * installed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CHECK_WITH_TOOLS, defaultValue = "true")
  boolean checkWithTools;

  /**
   * The files shipped with the configs, in a tree that mirrors the hosts: {@code
   * etc/haproxy/certs/site.pem} goes to {@code /etc/haproxy/certs/site.pem} on every host, {@code
   * <host>/etc/...} to that host only (winning over the shared file). Only paths below {@code
   * /etc/haproxy/}, {@code /etc/keepalived/} and {@code /usr/local/lib/lb-maven-plugin/} are
   * shipped; {@code ./src/main/lb-files} in a folder without a pom.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.FILES_DIRECTORY,
      defaultValue = "${basedir}/src/main/lb-files")
  File filesDirectory;

  /**
   * A shipped certificate valid for fewer days than this is warned about (an expired one fails the
   * build).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CERTIFICATE_WARN_DAYS, defaultValue = "30")
  int certificateWarnDays;

  protected AbstractRenderingMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  protected RenderOptions renderOptions() {
    return renderOptions(
        directory(outputDirectory, "lb"),
        templateDirectory,
        checkWithTools,
        producedFor(),
        files(filesDirectory),
        certificateWarnDays);
  }

  /** The files directory as configured; {@code ./src/main/lb-files} in a folder without a pom. */
  static Path files(File configured) {
    return configured != null
        ? configured.toPath()
        : Path.of("src", "main", "lb-files").toAbsolutePath();
  }

  /**
   * How the goals render: into {@code output}, with the user's templates where there are any and
   * the files of {@code files} shipped.
   */
  static RenderOptions renderOptions(
      Path output,
      File templateDirectory,
      boolean checkWithTools,
      String producedFor,
      Path files,
      int certificateWarnDays) {
    Path templates =
        templateDirectory != null && templateDirectory.isDirectory()
            ? templateDirectory.toPath()
            : null;
    return new RenderOptions(
        output,
        new TemplateSource(templates),
        producedFor,
        checkWithTools,
        files,
        Parameters.atLeast(PropertyNames.CERTIFICATE_WARN_DAYS, certificateWarnDays, 0));
  }
}
