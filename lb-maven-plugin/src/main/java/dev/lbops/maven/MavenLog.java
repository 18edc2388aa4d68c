package dev.lbops.maven;

import dev.lbops.core.LbLog;
import org.apache.maven.plugin.logging.Log;

/** The core's logger, writing to Maven's. */
final class MavenLog implements LbLog {

  private final Log log;

  MavenLog(Log log) {
    this.log = log;
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
