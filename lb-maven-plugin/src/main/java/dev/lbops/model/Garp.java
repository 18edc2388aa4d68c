package dev.lbops.model;

/** Gratuitous ARP settings of a VRRP instance; each {@code null} when not set. */
public record Garp(Integer masterDelay, Integer masterRepeat, Integer masterRefresh) {

  public static final Garp DEFAULTS = new Garp(null, null, null);

  /** Seconds. */
  public static final Range MASTER_DELAY = new Range(0, 255);

  public static final Range MASTER_REPEAT = new Range(1, 255);

  /** Seconds. */
  public static final Range MASTER_REFRESH = new Range(0, 86400);
}
