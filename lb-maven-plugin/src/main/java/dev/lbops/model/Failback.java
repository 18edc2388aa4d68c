package dev.lbops.model;

import java.util.Locale;

/**
 * How a master that comes back takes its VIPs back from the backup holding them: the CMDB's {@code
 * failback}, per instance or for all of a host's instances.
 */
public enum Failback {
  /**
   * Once its HAProxy has been ready for a while and the backup's own takeover is long over: every
   * host starts as BACKUP (Keepalived ignores {@code preempt_delay} on a MASTER), and the master
   * waits {@code preempt_delay} with {@code chk_haproxy} passing before it takes the VIPs.
   */
  DELAYED,
  /** Not on its own: {@code nopreempt} on every host; the holder keeps the VIPs until it fails. */
  NEVER,
  /** As soon as it runs, Keepalived's default for a MASTER: the VIPs move twice in quick order. */
  IMMEDIATE;

  /** The seconds Keepalived waits after a backup's takeover before it sends its second ARPs. */
  public static final int KEEPALIVED_GARP_MASTER_DELAY = 5;

  /** Keepalived's largest {@code preempt_delay}, in seconds. */
  public static final int MAX_PREEMPT_DELAY = 1000;

  /** The word the CMDB uses. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The instance's fail-back on that host: as written; else what a {@code nopreempt} or {@code
   * preempt_delay} of its own implies; else {@code never} when the host's HAProxy sends the
   * client's address (the servers answer through the VIP, so a request in flight when the VIPs move
   * back is lost), and {@code delayed} otherwise.
   */
  public static Failback of(HostConfig host, VrrpInstance instance) {
    if (instance.failback() != null) {
      return instance.failback();
    }
    if (instance.nopreempt()) {
      return NEVER;
    }
    if (instance.preemptDelay() != null) {
      return DELAYED;
    }
    return host.haproxy().sendsClientIp() ? NEVER : DELAYED;
  }

  /**
   * The {@code preempt_delay} a delayed fail-back renders, in seconds: the instance's own when it
   * sets one; else as long as {@code chk_haproxy} takes to rise and fall once more, so that a
   * master whose HAProxy flaps is caught before it takes the VIPs, and at least the backup's own
   * takeover (its second round of gratuitous ARPs, {@code garp_master_delay}).
   */
  public static int preemptDelaySeconds(KeepalivedConfig keepalived, VrrpInstance instance) {
    if (instance.preemptDelay() != null) {
      return instance.preemptDelay();
    }
    HaproxyCheck check = keepalived.haproxyCheck();
    int garp =
        instance.garp().masterDelay() == null
            ? KEEPALIVED_GARP_MASTER_DELAY
            : instance.garp().masterDelay();
    return Math.min(
        MAX_PREEMPT_DELAY, Math.max(garp, (check.rise() + check.fall()) * check.interval()));
  }
}
