package dev.lbops.deploy;

import dev.lbops.core.LbException;

/** A deploy failed; the report says which hosts changed and how each was left. */
public class DeployException extends LbException {

  private final transient DeployReport report;

  public DeployException(String message, DeployReport report) {
    super(message, null);
    this.report = report;
  }

  @Override
  public boolean userFixable() {
    return true;
  }

  public DeployReport report() {
    return report;
  }
}
