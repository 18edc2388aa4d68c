package dev.lbops.model;

/** Gratuitous ARP settings of a VRRP instance; each {@code null} when not set. */
public record Garp(Integer masterDelay, Integer masterRepeat, Integer masterRefresh) {

  public static final Garp DEFAULTS = new Garp(null, null, null);
}
