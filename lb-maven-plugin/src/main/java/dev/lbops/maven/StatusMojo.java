package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.verify.VerifyOptions;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows every host of a deployed cluster: its role in each VRRP instance (as the VIPs it holds
 * show), the VIPs held, HAProxy's and Keepalived's state, HAProxy's backends with their servers'
 * state, and whether the deployed configs differ from the rendered ones. Changes nothing.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractRemoteMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.STATUS_SKIP, defaultValue = "false")
  boolean skipStatus;

  @Inject
  public StatusMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "status";
  }

  @Override
  protected boolean goalSkipped() {
    return skipStatus;
  }

  @Override
  protected Work configure(ClusterOperations cluster) {
    RenderOptions render = renderOptions();
    VerifyOptions options =
        VerifySettings.READ_ONLY.options(hostKeys(), connectTimeout(), commandTimeout());
    return () -> cluster.status(render, options).forEach(getLog()::info);
  }
}
