package dev.lbops.verify;

import java.util.List;
import java.util.Optional;

/**
 * How long requests failed in a window of a drill's probe samples: from the window's start until
 * the first answer after the last failure.
 *
 * @param millis from the window's start until requests succeeded again, 0 when none failed, -1 when
 *     they were still failing at its end
 * @param recovered whether requests succeeded at the end (and any were sent)
 */
record RequestGap(long millis, int failed, int sent, boolean recovered) {

  static RequestGap of(List<ProbeSample> samples, long from, long to) {
    List<ProbeSample> window =
        samples.stream().filter(s -> s.atMillis() >= from && s.atMillis() < to).toList();
    int failed = (int) window.stream().filter(s -> !s.ok()).count();
    Optional<ProbeSample> lastFailure =
        window.stream().filter(s -> !s.ok()).reduce((first, second) -> second);
    if (lastFailure.isEmpty()) {
      return new RequestGap(0, 0, window.size(), !window.isEmpty());
    }
    Optional<ProbeSample> recovery =
        window.stream()
            .filter(s -> s.ok() && s.atMillis() > lastFailure.get().atMillis())
            .findFirst();
    return recovery
        .map(s -> new RequestGap(s.atMillis() + s.millis() - from, failed, window.size(), true))
        .orElse(new RequestGap(-1, failed, window.size(), false));
  }

  String describe() {
    if (!recovered) {
      return ", requests still failing at the end (" + failed + " of " + sent + " failed)";
    }
    return failed == 0
        ? ", no request failed (" + sent + " sent)"
        : ", requests failed for " + millis + " ms (" + failed + " of " + sent + ")";
  }
}
