package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void map_keepsTheItemsOrder_andRunsThemAtOnce() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> results =
        Parallel.map(
            List.of(3, 1, 2),
            3,
            n -> {
              threads.add(Thread.currentThread().getName());
              try {
                Thread.sleep(50L * n);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return n * 10;
            });

    assertThat(results).containsExactly(30, 10, 20);
    assertThat(threads).hasSize(3);
  }

  @Test
  void map_throwsTheWorksOwnException() {
    assertThatThrownBy(
            () ->
                Parallel.map(
                    List.of("a", "b"),
                    2,
                    s -> {
                      throw new ProblemsException("bad " + s, List.of());
                    }))
        .isInstanceOf(ProblemsException.class)
        .hasMessageStartingWith("bad a");
  }

  @Test
  void map_whenOneItemFails_letsTheOthersFinish_thenThrows() {
    Set<String> finished = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(
            () ->
                Parallel.map(
                    List.of("fails", "slow"),
                    2,
                    s -> {
                      if (s.equals("fails")) {
                        throw new ProblemsException("bad " + s, List.of());
                      }
                      try {
                        Thread.sleep(200);
                      } catch (InterruptedException e) {
                        return "interrupted";
                      }
                      finished.add(s);
                      return s;
                    }))
        .hasMessageStartingWith("bad fails");
    assertThat(finished).as("not interrupted halfway").containsExactly("slow");
  }
}
