package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.verify.DrillMode;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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
   * Runs the failover drill: per VRRP instance the master is taken away and brought back while a
   * probe sends requests through the VIP.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRILL, defaultValue = "false")
  boolean drill;

  /**
   * Which drills, in order: {@code GRACEFUL} (Keepalived stopped on the master) and {@code
   * NODE_LOSS} (the master's Keepalived frozen, its adverts stop without a goodbye).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRILL_MODES, defaultValue = "GRACEFUL,NODE_LOSS")
  List<DrillMode> drillModes;

  @Inject
  public VerifyMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
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
  protected void run(ClusterOperations pipeline) throws MojoFailureException {
    verify(pipeline, drill ? drillModes : List.of());
  }
}
