package dev.lbops.maven;

import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.HostOutcome;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows, per host and file, a unified diff of what a deploy would change (secrets redacted) and the
 * actions that would follow; changes nothing.
 */
@Mojo(name = "diff", requiresProject = false, threadSafe = true)
public class DiffMojo extends AbstractRemoteMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DIFF_SKIP, defaultValue = "false")
  boolean skipDiff;

  /**
   * Compare these hosts only (comma-separated host names).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ONLY)
  List<String> only;

  /**
   * How many hosts are read at once; 0 means all.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PARALLELISM, defaultValue = "0")
  int parallelism;

  /**
   * Fail the build when any host differs from the rendered configs (drift detection in CI).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_DIFF, defaultValue = "false")
  boolean failOnDiff;

  @Inject
  public DiffMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "diff";
  }

  @Override
  protected boolean goalSkipped() {
    return skipDiff;
  }

  @Override
  protected Work configure(ClusterOperations cluster) {
    RenderOptions render = renderOptions();
    // A dry run takes no host's lock, has nothing to roll back and overwrites nothing.
    DeployOptions options =
        deployOptions(true, only, parallelism, false, 0, false, lease(1, false));
    return () -> {
      DeployReport report = Reports.diff(cluster, render, options, getLog());
      boolean differs =
          report.hosts().stream().anyMatch(host -> host.state() != HostOutcome.State.UNCHANGED);
      if (differs && failOnDiff) {
        throw new MojoFailureException(
            "The hosts differ from the rendered configs ("
                + PropertyNames.FAIL_ON_DIFF
                + "): run lb:deploy to converge them");
      }
    };
  }
}
