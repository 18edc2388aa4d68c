package dev.lbops.maven;

import dev.lbops.cluster.ClusterPipeline;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Validates, then renders every host's {@code keepalived.conf} and {@code haproxy.cfg} into the
 * output directory, checking each with {@code keepalived -t} / {@code haproxy -c} when installed.
 */
@Mojo(
    name = "render",
    defaultPhase = LifecyclePhase.GENERATE_RESOURCES,
    requiresProject = false,
    threadSafe = true)
public class RenderMojo extends AbstractClusterMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RENDER_SKIP, defaultValue = "false")
  boolean skipRender;

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
   * A directory whose {@code keepalived.conf.mustache}, {@code haproxy.cfg.mustache} or {@code
   * haproxy-proxy.mustache} replace the bundled templates.
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

  @Inject
  public RenderMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  @Override
  protected String goal() {
    return "render";
  }

  @Override
  protected boolean goalSkipped() {
    return skipRender;
  }

  @Override
  protected void run(ClusterPipeline pipeline) {
    Path templates =
        templateDirectory != null && templateDirectory.isDirectory()
            ? templateDirectory.toPath()
            : null;
    Path output =
        outputDirectory != null ? outputDirectory.toPath() : buildDirectory().resolve("lb");
    List<Path> written =
        pipeline.render(
            new RenderOptions(output, new TemplateSource(templates), producedFor(), check));
    getLog().info(written.size() + " files in " + output);
  }
}
