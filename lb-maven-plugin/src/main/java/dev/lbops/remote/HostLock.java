package dev.lbops.remote;

import java.util.List;
import java.util.Map;

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
    return Scripts.render("lock-take.sh", Map.of("path", PATH));
  }

  /** Frees the lock, and removes {@code alsoRemove} with it (in the same process). */
  public static String release(String... alsoRemove) {
    return Scripts.command(
        "lock-release.sh", Map.of("path", PATH, "alsoRemove", List.of(alsoRemove)));
  }
}
