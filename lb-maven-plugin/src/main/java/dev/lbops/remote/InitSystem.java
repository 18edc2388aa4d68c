package dev.lbops.remote;

import java.util.Map;

/** What runs a host's services, which decides how they are started, reloaded and stopped. */
public enum InitSystem {
  SYSTEMD,
  /** No systemd: the daemons are run and signalled directly, through their PID files. */
  DIRECT;

  /** The command that prints {@code systemd} on a host run by systemd, else {@code direct}. */
  public static final String DETECT = Scripts.command("detect-init.sh", Map.of());

  /** The init system from what {@link #DETECT} printed. */
  public static InitSystem parse(String detected) {
    return detected.strip().equals("systemd") ? SYSTEMD : DIRECT;
  }

  public ServiceControl control() {
    return this == SYSTEMD ? new SystemdServiceControl() : new DirectServiceControl();
  }
}
