package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The whole chain in one command, like Rex's {@code setup} task: validate, render, deploy, then
 * lb:verify's checks without the drill (services running, one VIP holder, no drift, traffic).
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
  protected void run(ClusterOperations pipeline) throws MojoFailureException {
    deploy(pipeline);
    verify(pipeline, List.of());
    getLog().info("Setup done: the pair runs the rendered configs, one host holds each VIP.");
  }
}
