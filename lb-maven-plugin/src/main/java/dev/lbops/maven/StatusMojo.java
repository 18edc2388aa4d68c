package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows every host of a deployed cluster: its role in each VRRP instance (as the VIPs it holds
 * show), the VIPs held, HAProxy's and Keepalived's state, HAProxy's backends with their servers'
 * state, and whether the deployed configs differ from the rendered ones. Changes nothing.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractRemoteMojo {

  @Inject
  public StatusMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  @Override
  protected String goal() {
    return "status";
  }

  @Override
  protected void run(ClusterOperations pipeline) {
    pipeline.status(renderOptions(), verifyOptions(List.of())).forEach(getLog()::info);
  }
}
