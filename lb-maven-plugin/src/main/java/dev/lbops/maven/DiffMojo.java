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
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows, per host and file, a unified diff of what a deploy would change (secrets redacted) and the
 * actions that would follow; changes nothing.
 */
@Mojo(name = "diff", requiresProject = false, threadSafe = true)
public class DiffMojo extends AbstractRemoteMojo {

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
  public DiffMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  @Override
  protected String goal() {
    return "diff";
  }

  @Override
  protected Work configure(ClusterOperations cluster) {
    RenderOptions render = renderOptions();
    // A dry run takes no host's lock and has nothing to roll back.
    DeployOptions options = deployOptions(true, only, parallelism, false, 0, lease(1, false));
    return () -> {
      DeployReport report = Reports.deploy(cluster, render, options, getLog());
      report.diffs().forEach(diff -> diff.lines().forEach(getLog()::info));
      boolean differs =
          report.hosts().stream().anyMatch(host -> host.state() != HostOutcome.State.UNCHANGED);
      if (differs && failOnDiff) {
        throw new MojoFailureException(
            "The hosts differ from the rendered configs ("
                + PropertyNames.FAIL_ON_DIFF
                + "): run lb:deploy to converge them");
      }
      getLog()
          .info(
              differs
                  ? "A deploy would change the hosts above."
                  : "Every host matches the rendered configs.");
    };
  }
}
