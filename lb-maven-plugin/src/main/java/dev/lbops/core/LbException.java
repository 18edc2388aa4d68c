package dev.lbops.core;

/**
 * The base of every exception the core throws on purpose. Each carries the data of what failed
 * (problems with their places; host, step, command, exit status) and says whether the user can fix
 * it, which the Mojos map to a build failure; the others are errors of this machine or the plugin.
 */
public abstract class LbException extends RuntimeException {

  protected LbException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the user can fix what failed (their input, a host's state or reachability) rather than
   * this machine or the plugin.
   */
  public abstract boolean userFixable();
}
