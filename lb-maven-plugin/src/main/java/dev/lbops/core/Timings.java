package dev.lbops.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a goal's time went ({@code -Dlb.timings}): per phase, how often it ran, its total and its
 * longest run. A phase that runs once per host, side by side, adds up over the hosts: its longest
 * run is what the goal waited for.
 */
public final class Timings {

  private final Map<String, Phase> phases = new LinkedHashMap<>();

  /** Records that {@code phase} took {@code nanos} once more. */
  public synchronized void add(String phase, long nanos) {
    phases.computeIfAbsent(phase, name -> new Phase()).add(nanos);
  }

  /** The table the log shows: one line a phase, in the order they first ran. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-58s %5s %9s %9s", "phase", "runs", "total s", "longest s"));
    phases.forEach(
        (name, phase) ->
            lines.add(
                String.format(
                    "%-58s %5d %9.3f %9.3f",
                    name, phase.runs, phase.total / 1e9, phase.longest / 1e9)));
    return lines;
  }

  private static final class Phase {
    private int runs;
    private long total;
    private long longest;

    void add(long nanos) {
      runs++;
      total += nanos;
      longest = Math.max(longest, nanos);
    }
  }
}
