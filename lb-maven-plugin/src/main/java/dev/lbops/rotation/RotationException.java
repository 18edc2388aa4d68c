package dev.lbops.rotation;

import dev.lbops.core.LbException;

/** lb:ready found a server not up in time; the report says where each was left (drained). */
public final class RotationException extends LbException {

  private final transient RotationReport report;

  RotationException(String message, RotationReport report) {
    super(message, null);
    this.report = report;
  }

  @Override
  public boolean userFixable() {
    return true;
  }

  public RotationReport report() {
    return report;
  }
}
