package dev.lbops.deploy;

/** A deploy failed; the report says which hosts changed and how each was left. */
public class DeployException extends RuntimeException {

  private final transient DeployReport report;

  public DeployException(String message, DeployReport report) {
    super(message);
    this.report = report;
  }

  public DeployReport report() {
    return report;
  }
}
