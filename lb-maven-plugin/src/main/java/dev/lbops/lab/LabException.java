package dev.lbops.lab;

/** A lab could not be brought up or down; the message says what was being done and why. */
public class LabException extends RuntimeException {

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
