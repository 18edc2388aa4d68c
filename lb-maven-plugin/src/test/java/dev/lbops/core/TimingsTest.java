package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimingsTest {

  @Test
  void aPhaseThatRanPerHost_showsItsRuns_itsTotal_andItsLongestRun_inTheOrderPhasesFirstRan() {
    Timings timings = new Timings();
    timings.add("reading the CMDB", 120_000_000);
    timings.add("SSH: login", 300_000_000);
    timings.add("SSH: login", 500_000_000);

    assertThat(timings.lines())
        .hasSize(3)
        .element(1)
        .asString()
        .matches("reading the CMDB +1 +0\\.120 +0\\.120");
    assertThat(timings.lines().get(2)).matches("SSH: login +2 +0\\.800 +0\\.500");
  }

  @Test
  void theCoresLogTimesWork_andDropsTheFigureUnlessAskedFor() {
    assertThat(LbLog.NONE.timed("anything", () -> "its result")).isEqualTo("its result");
  }
}
