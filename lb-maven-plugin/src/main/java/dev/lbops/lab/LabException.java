package dev.lbops.lab;

import dev.lbops.core.LbException;

/** A lab could not be brought up or down; the message says what was being done and why. */
public class LabException extends LbException {

  public LabException(String message) {
    super(message, null);
  }

  /** A lab fails on this machine: an error of the machine, not of the user's project. */
  @Override
  public boolean userFixable() {
    return false;
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
