package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Checks the CMDB and the cluster, per host and as a pair, and contacts nothing. */
@Mojo(
    name = "validate",
    defaultPhase = LifecyclePhase.VALIDATE,
    requiresProject = false,
    threadSafe = true)
public class ValidateMojo extends AbstractClusterMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VALIDATE_SKIP, defaultValue = "false")
  boolean skipValidate;

  @Inject
  public ValidateMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "validate";
  }

  @Override
  protected boolean goalSkipped() {
    return skipValidate;
  }

  @Override
  protected Work configure(ClusterOperations cluster) {
    return cluster::validate;
  }
}
