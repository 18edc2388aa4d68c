package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.rotation.RotationOptions;
import dev.lbops.rotation.RotationReport;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Puts servers back into rotation on every load balancer: sets them to {@code ready} through
 * HAProxy's runtime API and waits until every load balancer's health checks see them up. When one
 * is not up after {@code lb.readyTimeout}, the build fails naming it and its last check, and the
 * servers are left drained everywhere. Touches no config.
 */
@Mojo(name = "ready", requiresProject = false, threadSafe = true)
public class ReadyMojo extends AbstractRotationMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.READY_SKIP, defaultValue = "false")
  boolean skipReady;

  /**
   * Seconds to wait for every load balancer's health checks to see the servers up; then the build
   * fails and they are left drained.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.READY_TIMEOUT, defaultValue = "60")
  int readyTimeout;

  @Inject
  public ReadyMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "ready";
  }

  @Override
  protected boolean goalSkipped() {
    return skipReady;
  }

  @Override
  protected int timeoutSeconds() {
    return readyTimeout;
  }

  @Override
  protected String timeoutProperty() {
    return PropertyNames.READY_TIMEOUT;
  }

  @Override
  protected RotationReport run(ClusterOperations cluster, RotationOptions options) {
    return cluster.ready(options);
  }
}
