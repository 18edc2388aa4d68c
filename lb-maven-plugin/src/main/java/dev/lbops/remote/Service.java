package dev.lbops.remote;

import dev.lbops.render.ConfigKind;

/** The two daemons of a load balancer, with where Debian keeps their config and PID file. */
public enum Service {
  HAPROXY("haproxy", ConfigKind.HAPROXY, "/run/haproxy.pid"),
  KEEPALIVED("keepalived", ConfigKind.KEEPALIVED, "/run/keepalived.pid");

  private final String unit;
  private final ConfigKind configKind;
  private final String pidFile;

  Service(String unit, ConfigKind configKind, String pidFile) {
    this.unit = unit;
    this.configKind = configKind;
    this.pidFile = pidFile;
  }

  /** The systemd unit and the binary's name. */
  public String unit() {
    return unit;
  }

  public ConfigKind configKind() {
    return configKind;
  }

  /** Where its config lives on the host. */
  public String config() {
    return configKind.hostPath();
  }

  public String pidFile() {
    return pidFile;
  }
}
