package dev.lbops.maven;

import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The base of the goals that render the configs: render itself, and those that deploy them. */
public abstract class AbstractRenderingMojo extends AbstractClusterMojo {

  /**
   * Where the files go: {@code <host>/etc/keepalived/keepalived.conf} and {@code
   * <host>/etc/haproxy/haproxy.cfg} below it. Defaults to {@code ${project.build.directory}/lb},
   * and to {@code target/lb} in a folder without a pom.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY)
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
  @Parameter(property = PropertyNames.RENDER_CHECK, defaultValue = "true")
  boolean check;

  protected AbstractRenderingMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  protected RenderOptions renderOptions() {
    Path templates =
        templateDirectory != null && templateDirectory.isDirectory()
            ? templateDirectory.toPath()
            : null;
    Path output =
        outputDirectory != null ? outputDirectory.toPath() : buildDirectory().resolve("lb");
    return new RenderOptions(output, new TemplateSource(templates), producedFor(), check);
  }
}
