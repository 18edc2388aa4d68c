package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Validates and renders, then ships the configs to every host over SSH: packages when missing,
 * changed files checked on the host before activation, reload not restart, backups first then
 * masters, rollback on failure. Nothing changed means nothing written and nothing reloaded.
 */
@Mojo(
    name = "deploy",
    defaultPhase = LifecyclePhase.DEPLOY,
    requiresProject = false,
    threadSafe = true)
public class DeployMojo extends AbstractDeployMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DEPLOY_SKIP, defaultValue = "false")
  boolean skipDeploy;

  /**
   * Show what would change (as lb:diff), change nothing.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRY_RUN, defaultValue = "false")
  boolean dryRun;

  @Inject
  public DeployMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  @Override
  protected String goal() {
    return "deploy";
  }

  @Override
  protected boolean goalSkipped() {
    return skipDeploy;
  }

  @Override
  protected boolean dryRun() {
    return dryRun;
  }

  @Override
  protected void run(ClusterOperations pipeline) throws MojoFailureException {
    deploy(pipeline);
  }
}
