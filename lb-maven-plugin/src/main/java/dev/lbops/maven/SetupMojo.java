package dev.lbops.maven;

import dev.lbops.deploy.DeployOptions;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.VerifyOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The whole chain in one command, like Rex's {@code setup} task: validate, render, deploy, then
 * lb:verify's checks (services running, one VIP holder, no drift, traffic), with {@code -Dlb.drill}
 * also its failover drills. It reads the flags of those goals: {@code -Dlb.dryRun} makes it a diff
 * that changes nothing on any host (no verify, no drill), {@code -Dlb.deploy.skip} and {@code
 * -Dlb.verify.skip} leave out their step.
 */
@Mojo(name = "setup", requiresProject = false, threadSafe = true)
public class SetupMojo extends AbstractRemoteMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SETUP_SKIP, defaultValue = "false")
  boolean skipSetup;

  /**
   * Leaves out the deploy: the chain validates, renders and verifies the hosts as they are.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DEPLOY_SKIP, defaultValue = "false")
  boolean skipDeploy;

  /**
   * Leaves out the checks and the drills after the deploy.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  boolean skipVerify;

  /**
   * Show what a deploy would change (as lb:diff), change nothing on any host: neither the deploy
   * nor the checks and drills run.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRY_RUN, defaultValue = "false")
  boolean dryRun;

  /**
   * Deploy also where that loses something on a host: a config edited on the host since the last
   * deploy (the build shows the edit as a diff and refuses the host without this), or every VRRP
   * instance or every frontend and listen section the host has today.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  boolean force;

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
   * Seconds the checks may take to pass, as right after a deploy: Keepalived takes a few adverts to
   * elect a master, HAProxy a few health checks to see its servers up.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SETTLE_SECONDS, defaultValue = "30")
  int settleSeconds;

  /**
   * Milliseconds one request through a VIP may take before it counts as failed (a traffic check
   * allows four times as long).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_TIMEOUT_MILLIS, defaultValue = "300")
  int probeTimeoutMillis;

  /**
   * Where the reports go: {@code TEST-lb-verify.xml} (JUnit XML), {@code report.json} and {@code
   * report.html}. Defaults to the folder verify in the output directory.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_REPORT_DIRECTORY)
  File verifyReportDirectory;

  /**
   * Runs the failover drills after the checks: per VRRP instance the master is taken away and
   * brought back while a probe sends requests through the VIP.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRILL, defaultValue = "false")
  boolean drill;

  /**
   * Which drills, in order (any case): {@code graceful} (Keepalived stopped on the master) and
   * {@code node-loss} (the master's Keepalived frozen, its adverts stop without a goodbye).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRILL_MODES, defaultValue = "GRACEFUL,NODE_LOSS")
  List<String> drillModes;

  /**
   * The longest failover a drill allows, in milliseconds: from taking the master away until the
   * backup holds the VIPs and requests succeed again. 0 derives it per VRRP instance from its
   * advert_int: 3 adverts plus the backup's skew (when VRRP deems a master down) plus 1 s.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MAX_FAILOVER_MILLIS, defaultValue = "0")
  long maxFailoverMillis;

  /**
   * Milliseconds between two probe requests through the VIP during a drill.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_INTERVAL_MILLIS, defaultValue = "50")
  int probeIntervalMillis;

  /**
   * The host the drill's probe requests come from, over SSH (it needs curl): a host of the
   * inventory file, in any group (such as {@code [probe]}). By default they come from this machine.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_HOST)
  String probeHost;

  @Inject
  public SetupMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "setup";
  }

  @Override
  protected boolean goalSkipped() {
    return skipSetup;
  }

  @Override
  protected String offlineWork() {
    return "go to the hosts over SSH (it may install packages there)";
  }

  @Override
  protected Work configure(ClusterOperations cluster) throws MojoFailureException {
    List<DrillMode> modes = Choices.each(PropertyNames.DRILL_MODES, drillModes, DrillMode.class);
    RenderOptions render = renderOptions();
    DeployOptions deploy =
        deployOptions(
            dryRun, only, parallelism, rollback, lockTimeout, force, lease(lockLease, breakLock));
    VerifyOptions verify =
        new VerifySettings(
                settleSeconds,
                probeTimeoutMillis,
                drill ? modes : List.of(),
                maxFailoverMillis,
                probeIntervalMillis,
                probeHost)
            .options(hostKeys(), connectTimeout(), commandTimeout(), deploy.lease());
    Path reports = reportDirectory(verifyReportDirectory, render);
    return () -> {
      cluster.render(render); // the chain's first steps, whichever of the others are skipped
      if (skipDeploy) {
        getLog().info("lb:setup: the deploy is skipped (" + PropertyNames.DEPLOY_SKIP + ").");
      } else if (dryRun) {
        Reports.diff(cluster, render, deploy, getLog());
      } else {
        Reports.deploy(cluster, render, deploy, getLog());
      }
      if (dryRun) {
        getLog()
            .info(
                "lb:setup: a dry run ("
                    + PropertyNames.DRY_RUN
                    + ") changes nothing on any host: no checks, no drills.");
        return;
      }
      if (skipVerify) {
        getLog().info("lb:setup: the checks are skipped (" + PropertyNames.VERIFY_SKIP + ").");
        return;
      }
      Reports.verify(cluster.verify(render, verify), reportTitle(), reports, render, getLog());
      getLog()
          .info(
              skipDeploy
                  ? "Setup done: the hosts, as they are, pass the checks."
                  : "Setup done: the pair runs the rendered configs, one host holds each VIP.");
    };
  }
}
