package dev.lbops.model;

/** Scripts Keepalived runs on a state change; each empty when not set. */
public record NotifyScripts(String master, String backup, String fault, String any) {

  public static final NotifyScripts NONE = new NotifyScripts("", "", "", "");
}
