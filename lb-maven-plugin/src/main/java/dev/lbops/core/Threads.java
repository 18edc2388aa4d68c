package dev.lbops.core;

/** Waiting on the current thread. */
public final class Threads {

  private Threads() {}

  /**
   * Sleeps {@code millis} milliseconds. An interrupt ends the wait: the thread keeps its interrupt
   * flag and the caller's work stops with an {@link IllegalStateException}, as nothing that polls a
   * host or a process can go on sensibly after one.
   */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
