package dev.lbops.model;

/** The state a VRRP instance starts in. */
public enum VrrpState {
  MASTER,
  BACKUP
}
