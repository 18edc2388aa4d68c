package dev.lbops.verify;

/** How the drill takes the master away. */
public enum DrillMode {
  /**
   * Keepalived on the master is stopped: it says goodbye (priority 0) and the backup takes over.
   */
  GRACEFUL,
  /**
   * The master's Keepalived and HAProxy are frozen (SIGSTOP), as when the node hangs or is lost:
   * its adverts stop without a goodbye and it no longer answers, until the backup deems it down and
   * takes over. Afterwards they are thawed and Keepalived is restarted.
   */
  NODE_LOSS
}
