package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.VerifyOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Proves the deployed pair: per VRRP instance exactly one host holds the VIPs, HAProxy and
 * Keepalived run everywhere, the deployed configs are the rendered ones, every frontend on a VIP
 * answers and HAProxy's servers are up. With {@code -Dlb.drill} it also drills a failover per
 * instance while probing through the VIP, and fails when it takes longer than allowed. Writes JUnit
 * XML, JSON and an HTML report. Bound to the deploy phase: declare it after lb:deploy in the same
 * phase, and Maven runs it after the deploy.
 */
@Mojo(
    name = "verify",
    defaultPhase = LifecyclePhase.DEPLOY,
    requiresProject = false,
    threadSafe = true)
public class VerifyMojo extends AbstractRemoteMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  boolean skipVerify;

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
   * Runs the failover drills: per VRRP instance the master is taken away and brought back while a
   * probe sends requests through the VIP.
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

  @Inject
  public VerifyMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "verify";
  }

  @Override
  protected boolean goalSkipped() {
    return skipVerify;
  }

  @Override
  protected Work configure(ClusterOperations cluster) throws MojoFailureException {
    List<DrillMode> modes = Choices.each(PropertyNames.DRILL_MODES, drillModes, DrillMode.class);
    RenderOptions render = renderOptions();
    VerifyOptions options =
        new VerifySettings(
                settleSeconds,
                probeTimeoutMillis,
                drill ? modes : List.of(),
                maxFailoverMillis,
                probeIntervalMillis,
                probeHost)
            .options(hostKeys(), connectTimeout(), commandTimeout(), lease(lockLease, breakLock));
    Path reports = reportDirectory(verifyReportDirectory, render);
    return () ->
        Reports.verify(cluster.verify(render, options), reportTitle(), reports, render, getLog());
  }
}
