package dev.lbops.service;

/**
 * The lock on a host that keeps two changes from interleaving there: a deploy, or a failover drill.
 * A directory, made atomically; it lives in /run, so a reboot frees it.
 */
public final class HostLock {

  public static final String PATH = "/run/lb-maven-plugin.lock";

  private HostLock() {}

  /**
   * Prints {@code lock=acquired}, or {@code lock=held since <epoch seconds>} when another has it.
   */
  public static String take() {
    return "if mkdir "
        + PATH
        + " 2>/dev/null; then echo \"$(date +%s)\" > "
        + PATH
        + "/since; echo lock=acquired; else echo \"lock=held since $(cat "
        + PATH
        + "/since 2>/dev/null)\"; fi\n";
  }

  public static String release() {
    return "rm -rf " + PATH;
  }
}
