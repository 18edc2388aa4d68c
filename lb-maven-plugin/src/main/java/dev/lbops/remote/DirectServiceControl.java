package dev.lbops.remote;

/**
 * Services on a host without systemd, driven as their init scripts should have been: the daemon
 * itself, its PID file, and waiting for the effect (the init scripts exit 0 on failure, and
 * Keepalived takes about a second to stop).
 */
public final class DirectServiceControl implements ServiceControl {

  @Override
  public String start(Service service) {
    return Scripts.command("direct-start-" + service.unit() + ".sh", service);
  }

  @Override
  public String reload(Service service) {
    return Scripts.command("direct-reload-" + service.unit() + ".sh", service);
  }

  @Override
  public String stop(Service service) {
    return Scripts.command("direct-stop.sh", service);
  }

  @Override
  public String status(Service service) {
    return Scripts.command("direct-status.sh", service);
  }
}
