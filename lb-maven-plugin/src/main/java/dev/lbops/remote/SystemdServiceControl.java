package dev.lbops.remote;

/** Services under systemd: {@code systemctl}. */
public final class SystemdServiceControl implements ServiceControl {

  @Override
  public String start(Service service) {
    return Scripts.command("systemd-start.sh", service);
  }

  /**
   * {@inheritDoc} HAProxy's master keeps its old worker when the new configuration does not start
   * (and {@code systemctl reload} still succeeds), so a new worker is waited for.
   */
  @Override
  public String reload(Service service) {
    return Scripts.command(
        service == Service.HAPROXY ? "systemd-reload-haproxy.sh" : "systemd-reload.sh", service);
  }

  @Override
  public String stop(Service service) {
    return Scripts.command("systemd-stop.sh", service);
  }

  @Override
  public String status(Service service) {
    return Scripts.command("systemd-status.sh", service);
  }
}
