package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static Timeline.Event event(long at, String label) {
    return new Timeline.Event(at, label, "", "#000", false);
  }

  @Test
  void labelsCloseTogether_takeLanes_andNoneLeavesThePictureOrOverlapsAnother() {
    List<Timeline.Event> events =
        List.of(
            event(0, "M away"),
            event(5, "VIP on B"),
            event(30_000, "M away"),
            event(30_010, "VIP on B"),
            event(30_020, "M back"),
            event(30_030, "FAILED"),
            event(59_990, "VIP on M"),
            event(60_000, "FAILED"));

    List<Timeline.Placed> placed = Timeline.placeLabels(events, 60_000, 900);

    assertThat(placed)
        .allSatisfy(
            label -> {
              assertThat(label.from()).isGreaterThanOrEqualTo(0);
              assertThat(label.to()).isLessThanOrEqualTo(Timeline.WIDTH);
            });
    for (Timeline.Placed a : placed) {
      for (Timeline.Placed b : placed) {
        if (a != b && a.lane() == b.lane()) {
          assertThat(a.to() <= b.from() || b.to() <= a.from()).as(a + " and " + b).isTrue();
        }
      }
    }
    assertThat(placed).extracting(Timeline.Placed::lane).contains(0, 1, 2, 3);
    assertThat(placed.get(7).anchorEnd()).as("a label at the right edge reads leftwards").isTrue();
  }

  @Test
  void theTimeAxis_hasTicksAtLeast60UnitsApart_inSteps_of1_2or5() {
    assertThat(Timeline.tickMillis(12_000, 900)).isEqualTo(1000);
    assertThat(Timeline.tickMillis(60_000, 900)).isEqualTo(5000);
    assertThat(Timeline.tickMillis(1_500, 900)).isEqualTo(100);
  }
}
