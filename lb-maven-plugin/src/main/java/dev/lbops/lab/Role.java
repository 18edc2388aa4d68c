package dev.lbops.lab;

/** What a lab host is for. */
public enum Role {
  LOAD_BALANCER,
  BACKEND,
  CLIENT
}
