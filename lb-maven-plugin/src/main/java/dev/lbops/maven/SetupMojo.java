package dev.lbops.maven;

import dev.lbops.cluster.ClusterPipeline;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The whole chain in one command, like Rex's {@code setup} task: validate, render, deploy, and
 * check that HAProxy and Keepalived run on every host.
 */
@Mojo(name = "setup", requiresProject = false, threadSafe = true)
public class SetupMojo extends AbstractDeployMojo {

  @Inject
  public SetupMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  @Override
  protected String goal() {
    return "setup";
  }

  @Override
  protected boolean dryRun() {
    return false;
  }

  @Override
  protected void run(ClusterPipeline pipeline) throws MojoFailureException {
    deploy(pipeline);
    getLog().info("Setup done: every host runs HAProxy and Keepalived with the rendered configs.");
  }
}
