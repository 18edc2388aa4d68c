package dev.lbops.remote;

/**
 * The lock on a host that keeps two changes from interleaving there: a deploy, or a failover drill.
 * A file, created only when absent (the shell's noclobber, an exclusive create) so that taking it
 * starts no process; it lives in /run, so a reboot frees it.
 */
public final class HostLock {

  public static final String PATH = "/run/lb-maven-plugin.lock";

  private HostLock() {}

  /** Prints {@code lock=acquired}, or {@code lock=held since <time>} when another has it. */
  public static String take() {
    return "if (set -C; : > "
        + PATH
        + ") 2>/dev/null; then echo lock=acquired; else echo \"lock=held since $(date -r "
        + PATH
        + " '+%F %T %Z' 2>/dev/null)\"; fi\n";
  }

  /** Frees the lock, and removes {@code alsoRemove} with it (in the same process). */
  public static String release(String... alsoRemove) {
    return "rm -f " + String.join(" ", alsoRemove) + (alsoRemove.length > 0 ? " " : "") + PATH;
  }
}
