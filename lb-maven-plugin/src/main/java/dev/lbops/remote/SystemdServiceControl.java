package dev.lbops.remote;

/** Services under systemd: {@code systemctl}. */
public final class SystemdServiceControl implements ServiceControl {

  @Override
  public String start(Service service) {
    return "systemctl start " + service.unit();
  }

  /**
   * {@inheritDoc} HAProxy's master keeps its old worker when the new configuration does not start
   * (and {@code systemctl reload} still succeeds), so a new worker is waited for.
   */
  @Override
  public String reload(Service service) {
    if (service != Service.HAPROXY) {
      return "systemctl reload " + service.unit();
    }
    String workers = "$(cat /proc/$m/task/*/children 2>/dev/null)";
    return "m=$(systemctl show -p MainPID --value haproxy); old=\" "
        + workers
        + " \"; systemctl reload haproxy; n=''; for i in $(seq 50); do for c in "
        + workers
        + "; do case \"$old\" in *\" $c \"*) ;; *) n=$c;; esac; done; [ -n \"$n\" ] && break;"
        + " sleep 0.1; done; [ -n \"$n\" ] || { echo 'haproxy did not take the new configuration:"
        + " its reload failed (journalctl -u haproxy)' >&2; false; }";
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
