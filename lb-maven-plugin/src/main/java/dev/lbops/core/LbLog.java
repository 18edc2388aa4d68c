package dev.lbops.core;

import java.util.function.Supplier;

/** The logger the core writes to; the Maven layer adapts its own. Never pass it a secret. */
public interface LbLog {

  void debug(String message);

  void info(String message);

  void warn(String message);

  void error(String message);

  /**
   * Notes that {@code phase} took {@code nanos}, for {@code -Dlb.timings}; dropped unless the goal
   * was asked for its timings.
   */
  default void timed(String phase, long nanos) {}

  /** Runs {@code work} as {@code phase} ({@link #timed}), returning what it returns. */
  default <T> T timed(String phase, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      timed(phase, System.nanoTime() - started);
    }
  }

  /** A logger that drops everything, for callers that want no output. */
  LbLog NONE =
      new LbLog() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}
      };
}
