package dev.lbops.ssh;

import java.nio.file.Path;

/**
 * How host keys are verified: against a known_hosts file, always. A changed key is always refused;
 * an unknown one is refused too unless {@code acceptNew} (trust on first use, as OpenSSH's {@code
 * StrictHostKeyChecking=accept-new}), which records it in the file.
 */
public record HostKeys(Path file, boolean acceptNew) {

  /** Only the keys in the file. */
  public static HostKeys strict(Path file) {
    return new HostKeys(file, false);
  }
}
