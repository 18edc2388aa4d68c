package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates, then renders every host's {@code keepalived.conf} and {@code haproxy.cfg} into the
 * output directory, checking each with {@code keepalived -t} / {@code haproxy -c} when installed.
 */
@Mojo(
    name = "render",
    defaultPhase = LifecyclePhase.GENERATE_RESOURCES,
    requiresProject = false,
    threadSafe = true)
public class RenderMojo extends AbstractRenderingMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RENDER_SKIP, defaultValue = "false")
  boolean skipRender;

  @Inject
  public RenderMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
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
  protected Work configure(ClusterOperations cluster) {
    RenderOptions options = renderOptions();
    return () -> {
      List<Path> written = cluster.render(options);
      getLog().info(written.size() + " files in " + options.outputDirectory());
    };
  }
}
