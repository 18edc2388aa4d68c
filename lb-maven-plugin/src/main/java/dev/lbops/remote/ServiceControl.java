package dev.lbops.remote;

/**
 * How to start, reload, stop and query HAProxy and Keepalived on a host, as shell commands to run
 * there (so that several can share one SSH round trip). Chosen from the host's facts: systemd or
 * not.
 */
public interface ServiceControl {

  String start(Service service);

  /**
   * A reload that keeps serving: HAProxy hands its sockets to a new process, Keepalived rereads its
   * file.
   */
  String reload(Service service);

  /** Stops the service and returns once it is gone. */
  String stop(Service service);

  /** Prints {@code running <pid>} or {@code stopped}; see {@link ServiceStatus#parse}. */
  String status(Service service);

  /** The command that prints {@code systemd} on a host run by systemd, else {@code direct}. */
  String DETECT = "if [ -d /run/systemd/system ]; then echo systemd; else echo direct; fi";

  /**
   * A {@link #status} command for a host whose init system is not known yet: it looks first, so
   * that it can share a round trip with the other facts.
   */
  static String statusOnAnyHost(Service service) {
    return "if [ -d /run/systemd/system ]; then "
        + new SystemdServiceControl().status(service)
        + "; else "
        + new DirectServiceControl().status(service)
        + "; fi";
  }

  /** The control for a host, from what {@link #DETECT} printed. */
  static ServiceControl forHost(String detected) {
    return detected.strip().equals("systemd")
        ? new SystemdServiceControl()
        : new DirectServiceControl();
  }
}
