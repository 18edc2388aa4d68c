package dev.lbops.model;

/**
 * A {@code stats socket} of HAProxy's runtime API; each optional part is empty when not written.
 *
 * @param path an absolute path of a UNIX socket, or an address such as {@code ipv4@127.0.0.1:9999}
 * @param exposeFd what {@code expose-fd} names ({@code listeners}: seamless reloads), or empty
 */
public record RuntimeApi(
    String path, String mode, String level, String user, String group, String exposeFd) {

  /** Whether the plugin can read it: a UNIX socket on the host. */
  public boolean isUnixSocket() {
    return path.startsWith("/");
  }
}
