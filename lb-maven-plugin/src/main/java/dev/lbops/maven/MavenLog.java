package dev.lbops.maven;

import dev.lbops.core.LbLog;
import dev.lbops.core.Timings;
import org.apache.maven.plugin.logging.Log;

/** The core's logger, writing to Maven's. */
final class MavenLog implements LbLog {

  private final Log log;
  private final Timings timings;

  /**
   * @param timings where {@link #timed} notes go, or {@code null} when the goal was not asked for
   *     its timings
   */
  MavenLog(Log log, Timings timings) {
    this.log = log;
    this.timings = timings;
  }

  MavenLog(Log log) {
    this(log, null);
  }

  @Override
  public void timed(String phase, long nanos) {
    if (timings != null) {
      timings.add(phase, nanos);
    }
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void error(String message) {
    log.error(message);
  }
}
