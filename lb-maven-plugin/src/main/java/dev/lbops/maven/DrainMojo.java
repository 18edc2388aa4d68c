package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.rotation.RotationOptions;
import dev.lbops.rotation.RotationReport;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes servers out of rotation on every load balancer, gracefully: sets them to {@code drain}
 * through HAProxy's runtime API (no new connection goes to them) and waits until their sessions
 * have ended, then reports how long that took; after {@code lb.drainTimeout} it sets them to {@code
 * maint} with a warning. Touches no config. For an application's build: drain a server before
 * deploying to it, {@code lb:ready} after.
 */
@Mojo(name = "drain", requiresProject = false, threadSafe = true)
public class DrainMojo extends AbstractRotationMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRAIN_SKIP, defaultValue = "false")
  boolean skipDrain;

  /**
   * Seconds to wait for the servers' sessions to end on every load balancer; then they are set to
   * maintenance, with a warning.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRAIN_TIMEOUT, defaultValue = "60")
  int drainTimeout;

  @Inject
  public DrainMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "drain";
  }

  @Override
  protected boolean goalSkipped() {
    return skipDrain;
  }

  @Override
  protected int timeoutSeconds() {
    return drainTimeout;
  }

  @Override
  protected String timeoutProperty() {
    return PropertyNames.DRAIN_TIMEOUT;
  }

  @Override
  protected RotationReport run(ClusterOperations cluster, RotationOptions options) {
    return cluster.drain(options);
  }
}
