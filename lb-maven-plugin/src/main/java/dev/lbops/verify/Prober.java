package dev.lbops.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends requests through a VIP one after the other, each on a new connection, until stopped;
 * bounded in count and time whatever happens.
 */
final class Prober implements AutoCloseable {

  static final int MAX_SAMPLES = 5000;
  static final Duration MAX_DURATION = Duration.ofMinutes(3);

  private final TrafficTarget target;
  private final Duration interval;
  private final Duration timeout;
  private final long origin;
  private final List<ProbeSample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param origin the drill's start, as {@link System#nanoTime()}
   */
  Prober(TrafficTarget target, Duration interval, Duration timeout, long origin) {
    this.target = target;
    this.interval = interval;
    this.timeout = timeout;
    this.origin = origin;
    this.thread = new Thread(this::loop, "lb-probe-" + target.display());
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long deadline = System.nanoTime() + MAX_DURATION.toNanos();
    while (running && System.nanoTime() < deadline) {
      long sent = System.nanoTime();
      boolean ok = target.request(timeout) == null;
      long done = System.nanoTime();
      synchronized (samples) {
        samples.add(new ProbeSample(millis(sent), ok, (done - sent) / 1_000_000));
        if (samples.size() >= MAX_SAMPLES) {
          return;
        }
      }
      long pause = interval.toNanos() - (done - sent);
      if (pause > 0) {
        try {
          Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private long millis(long nanos) {
    return (nanos - origin) / 1_000_000;
  }

  /** The samples so far. */
  List<ProbeSample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /**
   * Waits until the last {@code count} requests sent after {@code sinceMillis} all succeeded;
   * returns false when that does not happen by {@code deadlineNanos} or the prober has stopped.
   */
  boolean awaitSuccesses(long sinceMillis, int count, long deadlineNanos) {
    while (System.nanoTime() < deadlineNanos && thread.isAlive()) {
      List<ProbeSample> recent =
          samples().stream().filter(sample -> sample.atMillis() >= sinceMillis).toList();
      if (recent.size() >= count
          && recent.subList(recent.size() - count, recent.size()).stream()
              .allMatch(ProbeSample::ok)) {
        return true;
      }
      Verifier.pause(interval.toMillis());
    }
    return false;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(timeout.toMillis() * 2 + interval.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
