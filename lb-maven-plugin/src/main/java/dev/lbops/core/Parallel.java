package dev.lbops.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Work on several items at once (hosts, files), for work that mostly waits on processes or the
 * network.
 */
public final class Parallel {

  private Parallel() {}

  /**
   * Applies {@code work} to every item on at most {@code threads} threads and returns the results
   * in the items' order. When {@code work} throws, the other items still run to their end (work on
   * hosts is never cut off halfway), then the first exception in the items' order is thrown here as
   * it was.
   */
  public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> results = new ArrayList<>();
      Throwable first = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
          results.add(null);
        }
      }
      if (first instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (first instanceof Error error) {
        throw error;
      }
      if (first != null) {
        throw new IllegalStateException(first);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
