package dev.lbops.remote;

/**
 * Whether a service runs, and its main PID.
 *
 * @param pid the main PID, or 0 when stopped
 */
public record ServiceStatus(boolean running, long pid) {

  /**
   * Reads what a {@link ServiceControl#status} command printed: {@code running <pid>} or {@code
   * stopped}.
   */
  public static ServiceStatus parse(String output) {
    String line = output.strip();
    if (line.startsWith("running ")) {
      return new ServiceStatus(true, Long.parseLong(line.substring("running ".length()).strip()));
    }
    return new ServiceStatus(false, 0);
  }
}
