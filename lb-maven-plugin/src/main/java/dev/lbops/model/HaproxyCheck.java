package dev.lbops.model;

/**
 * Keepalived's {@code vrrp_script chk_haproxy}: how often it checks that HAProxy runs and listens
 * on every frontend, and how many results in a row count.
 *
 * @param interval seconds between two checks
 * @param rise passes in a row before a host that failed may hold VIPs again (a Keepalived that just
 *     started needs one)
 * @param fall failures in a row before a holder gives its VIPs up
 */
public record HaproxyCheck(int interval, int rise, int fall) {

  public static final HaproxyCheck DEFAULTS = new HaproxyCheck(1, 3, 2);

  /** Seconds. */
  public static final Range INTERVAL = new Range(1, 60);

  public static final Range RISE = new Range(1, 10);

  public static final Range FALL = new Range(1, 10);

  /** How long a host whose check failed takes at least to pass {@code rise} checks, in seconds. */
  public int readySeconds() {
    return rise * interval;
  }
}
