package dev.lbops.lab;

/** How a lab host is made. */
public enum HostKind {
  /** A network namespace with private /etc/{haproxy,keepalived,ssh}, /run and PIDs: no systemd. */
  LIGHT,
  /** A systemd-nspawn container with its own root filesystem, systemd and apt. */
  FULL
}
