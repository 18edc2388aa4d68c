package dev.lbops.verify;

import dev.lbops.core.Templates;
import dev.lbops.core.Threads;
import dev.lbops.ssh.SshConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends requests through a VIP one after the other, each on a new connection, until stopped;
 * bounded in count and time whatever happens. From this machine, or from a probe host over SSH (a
 * curl loop there, its samples read as they come and put on this machine's clock).
 */
final class Prober implements AutoCloseable {

  static final int MAX_SAMPLES = 5000;
  static final Duration MAX_DURATION = Duration.ofMinutes(3);

  /** The curl loop a probe host runs, beside this class as a resource. */
  private static final Templates SCRIPTS =
      Templates.bundled("dev/lbops/verify/", Templates.Escaping.SHELL);

  private final Duration interval;
  private final long origin;
  private final List<ProbeSample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile SshConnection.Running remote;
  private volatile String failure = "";

  /**
   * Probes from this machine.
   *
   * @param origin the drill's start, as {@link System#nanoTime()}
   */
  static Prober local(TrafficTarget target, Duration interval, Duration timeout, long origin) {
    return new Prober(interval, origin, prober -> prober.localLoop(target, timeout));
  }

  /** Probes from another host, over its SSH connection (it needs curl; HTTP frontends only). */
  static Prober from(
      SshConnection probeHost,
      TrafficTarget target,
      Duration interval,
      Duration timeout,
      long origin) {
    return new Prober(
        interval, origin, prober -> prober.remoteLoop(probeHost, target, interval, timeout));
  }

  private Prober(Duration interval, long origin, java.util.function.Consumer<Prober> loop) {
    this.interval = interval;
    this.origin = origin;
    this.thread = new Thread(() -> loop.accept(this), "lb-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void localLoop(TrafficTarget target, Duration timeout) {
    long deadline = System.nanoTime() + MAX_DURATION.toNanos();
    while (running && System.nanoTime() < deadline) {
      long sent = System.nanoTime();
      boolean ok = target.request(timeout) == null;
      long done = System.nanoTime();
      if (!record(new ProbeSample(millis(sent), ok, (done - sent) / 1_000_000))) {
        return;
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

  private void remoteLoop(
      SshConnection probeHost, TrafficTarget target, Duration interval, Duration timeout) {
    if (!target.http() || target.tls()) {
      failure =
          "a probe host probes plain HTTP frontends only; " + target.display() + " is not one";
      return;
    }
    String script =
        SCRIPTS.render(
            "probe.sh.mustache",
            Map.of(
                "count",
                String.valueOf(MAX_DURATION.toMillis() / Math.max(1, interval.toMillis())),
                "timeoutSeconds",
                seconds(timeout),
                "url",
                "http://" + target.display() + "/",
                "intervalSeconds",
                seconds(interval)));
    try (SshConnection.Running command = probeHost.start(script);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(command.stdout(), StandardCharsets.US_ASCII))) {
      remote = command;
      long remoteStart = 0;
      long localStart = 0;
      for (String line = lines.readLine(); line != null && running; line = lines.readLine()) {
        String[] fields = line.split(" ");
        if (fields[0].equals("error")) {
          failure = probeHost.target().host() + ": " + line.substring("error ".length());
          return;
        }
        if (fields[0].equals("start")) {
          remoteStart = Long.parseLong(fields[1]);
          localStart = System.nanoTime();
          continue;
        }
        long sent = localStart + Long.parseLong(fields[0]) - remoteStart;
        if (!record(
            new ProbeSample(millis(sent), fields[1].equals("1"), Long.parseLong(fields[2])))) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (running) {
        failure = "the probe on " + probeHost.target().host() + " failed: " + e.getMessage();
      }
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }

  /** Adds a sample; false once there are as many as allowed. */
  private boolean record(ProbeSample sample) {
    synchronized (samples) {
      samples.add(sample);
      return samples.size() < MAX_SAMPLES;
    }
  }

  private long millis(long nanos) {
    return (nanos - origin) / 1_000_000;
  }

  /** Why the probe could not run, or empty. */
  String failure() {
    return failure;
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
      Threads.sleep(interval.toMillis());
    }
    return false;
  }

  @Override
  public void close() {
    running = false;
    SshConnection.Running command = remote;
    if (command != null) {
      command.close();
    }
    try {
      thread.join(MAX_DURATION.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
