package dev.lbops.ssh;

import dev.lbops.core.LbException;
import dev.lbops.core.Shown;

/**
 * SSH to a host failed; the message names the host and what was being done, what the host printed
 * in it shown as a {@link Shown#block}.
 */
public class SshException extends LbException {

  private final String host;
  private final String detail;

  public SshException(String host, String message, Throwable cause) {
    super(host + ": " + Shown.block(message), cause);
    this.host = host;
    this.detail = Shown.block(message);
  }

  /** A host that cannot be reached, logged into or trusted is the user's to fix. */
  @Override
  public boolean userFixable() {
    return true;
  }

  public String host() {
    return host;
  }

  /** The message without the host's name in front, for a message that names it already. */
  public String detail() {
    return detail;
  }
}
