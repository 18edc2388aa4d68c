package dev.lbops.rex;

import dev.lbops.core.LbException;

/** A Rex project cannot be imported as asked: the message says what is wrong and the fix. */
public class RexImportException extends LbException {

  public RexImportException(String message) {
    super(message, null);
  }

  public RexImportException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A wrong folder or a target that exists: the user's to fix. */
  @Override
  public boolean userFixable() {
    return true;
  }
}
