package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints, per host, the resolved value of a CMDB key and the file:line that supplied each part. */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractClusterMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.EXPLAIN_SKIP, defaultValue = "false")
  boolean skipExplain;

  /**
   * The top-level CMDB key to explain, such as {@code backends} or {@code HAProxy::maxconn}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KEY, required = true)
  String key;

  @Inject
  public ExplainMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "explain";
  }

  @Override
  protected boolean goalSkipped() {
    return skipExplain;
  }

  @Override
  protected Work configure(ClusterOperations cluster) {
    String checked = Parameters.word(PropertyNames.KEY, key);
    return () -> cluster.explain(checked).lines().forEach(getLog()::info);
  }
}
