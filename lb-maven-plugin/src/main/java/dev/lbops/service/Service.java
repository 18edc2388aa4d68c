package dev.lbops.service;

/** The two daemons of a load balancer, with where Debian keeps their config and PID file. */
public enum Service {
  HAPROXY("haproxy", "/etc/haproxy/haproxy.cfg", "/run/haproxy.pid"),
  KEEPALIVED("keepalived", "/etc/keepalived/keepalived.conf", "/run/keepalived.pid");

  private final String unit;
  private final String config;
  private final String pidFile;

  Service(String unit, String config, String pidFile) {
    this.unit = unit;
    this.config = config;
    this.pidFile = pidFile;
  }

  /** The systemd unit and the binary's name. */
  public String unit() {
    return unit;
  }

  public String config() {
    return config;
  }

  public String pidFile() {
    return pidFile;
  }
}
