package dev.lbops.remote;

/**
 * How to start, reload, stop and query HAProxy and Keepalived on a host, as shell commands to run
 * there (so that several can share one SSH round trip). Chosen from the host's {@link InitSystem}.
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
}
