package dev.lbops.model;

/**
 * A user {@code vrrp_script} that instances track ({@code track_script}): Keepalived runs it every
 * {@code interval}; after {@code fall} failures it is down (after {@code rise} successes up again),
 * which either takes the instance to FAULT (no weight) or changes its priority by {@code weight}.
 *
 * @param script the command line Keepalived runs: a program's absolute path and plain words, or
 *     {@code /bin/sh -c '<command>'} for a shell command
 * @param program the program's absolute path, which must be shipped or on the host
 * @param timeout seconds, or {@code null}
 * @param weight the priority change while it fails (negative) or succeeds (positive), or {@code
 *     null}: then a failure takes the instance to FAULT
 * @param rise or {@code null}
 * @param fall or {@code null}
 */
public record VrrpScript(
    String name,
    String script,
    String program,
    int interval,
    Integer timeout,
    Integer weight,
    Integer rise,
    Integer fall,
    Origin origin) {

  /** Seconds. */
  public static final Range INTERVAL = new Range(1, 3600);

  /** Seconds. */
  public static final Range TIMEOUT = new Range(1, 3600);

  /** Keepalived's range for a script's or an interface's weight. */
  public static final Range WEIGHT = new Range(-253, 253);

  public static final Range RISE_FALL = new Range(1, 100);

  /** The name of the plugin's own script that follows HAProxy; a user script may not take it. */
  public static final String BUILT_IN = "chk_haproxy";
}
