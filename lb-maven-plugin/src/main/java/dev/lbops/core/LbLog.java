package dev.lbops.core;

/** The logger the core writes to; the Maven layer adapts its own. Never pass it a secret. */
public interface LbLog {

  void debug(String message);

  void info(String message);

  void warn(String message);

  void error(String message);

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
