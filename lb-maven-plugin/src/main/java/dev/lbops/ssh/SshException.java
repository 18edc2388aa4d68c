package dev.lbops.ssh;

/** SSH to a host failed; the message names the host and what was being done. */
public class SshException extends RuntimeException {

  private final String host;

  public SshException(String host, String message, Throwable cause) {
    super(host + ": " + message, cause);
    this.host = host;
  }

  public String host() {
    return host;
  }
}
