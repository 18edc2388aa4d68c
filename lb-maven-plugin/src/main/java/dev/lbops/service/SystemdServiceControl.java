package dev.lbops.service;

/** Services under systemd: {@code systemctl}. */
public final class SystemdServiceControl implements ServiceControl {

  @Override
  public String start(Service service) {
    return "systemctl start " + service.unit();
  }

  @Override
  public String reload(Service service) {
    return "systemctl reload " + service.unit();
  }

  @Override
  public String stop(Service service) {
    return "systemctl stop " + service.unit();
  }

  @Override
  public String status(Service service) {
    return "if systemctl is-active --quiet "
        + service.unit()
        + "; then echo \"running $(systemctl show -p MainPID --value "
        + service.unit()
        + ")\"; else echo stopped; fi";
  }
}
