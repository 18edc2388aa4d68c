package dev.lbops.maven;

import dev.lbops.deploy.DeployOptions;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

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
public class DeployMojo extends AbstractRemoteMojo {

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

  /**
   * Deploy to these hosts only (comma-separated host names); pair checks still see the whole
   * cluster.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ONLY)
  List<String> only;

  /**
   * How many hosts are prepared at once; 0 means all.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PARALLELISM, defaultValue = "0")
  int parallelism;

  /**
   * When a host fails, restore the hosts already changed in this run.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ROLLBACK, defaultValue = "true")
  boolean rollback;

  /**
   * Seconds to wait for another deploy's lock on a host before failing.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "60")
  int lockTimeout;

  /**
   * Seconds a host lock this build takes lasts without renewal: the build renews it while it works,
   * and a later build takes over a lock whose lease ended (a killed build's) with a warning naming
   * its holder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOCK_LEASE, defaultValue = "60")
  int lockLease;

  /**
   * Breaks another build's live lock on a host instead of waiting for it (logged with its holder).
   * Only when that build is known to be gone: two changes at once on a pair can break it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BREAK_LOCK, defaultValue = "false")
  boolean breakLock;

  /**
   * Deploy also where that loses something on a host: a config edited on the host since the last
   * deploy (the build shows the edit as a diff and refuses the host without this), or every VRRP
   * instance or every frontend and listen section the host has today.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  boolean force;

  @Inject
  public DeployMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
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
  protected String offlineWork() {
    return "go to the hosts over SSH (it may install packages there)";
  }

  @Override
  protected Work configure(ClusterOperations cluster) {
    RenderOptions render = renderOptions();
    DeployOptions options =
        deployOptions(
            dryRun, only, parallelism, rollback, lockTimeout, force, lease(lockLease, breakLock));
    if (dryRun) {
      return () -> Reports.diff(cluster, render, options, getLog());
    }
    return () -> Reports.deploy(cluster, render, options, getLog());
  }
}
