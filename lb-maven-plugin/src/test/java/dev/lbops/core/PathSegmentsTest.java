package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

  @Test
  void aSingleName_isASegment() {
    assertThat(PathSegments.problem("production")).isEmpty();
    assertThat(PathSegments.problem("Debian")).isEmpty();
    assertThat(PathSegments.problem("fra1.rack-2")).isEmpty();
  }

  @Test
  void anythingThatLeadsToAnotherDirectory_isNot() {
    assertThat(PathSegments.problem("../../../x")).hasValueSatisfying(r -> r.contains("separator"));
    assertThat(PathSegments.problem("/tmp/x")).isPresent();
    assertThat(PathSegments.problem("a\\b")).isPresent();
    assertThat(PathSegments.problem("..")).hasValueSatisfying(r -> r.contains("directory"));
    assertThat(PathSegments.problem(".")).isPresent();
    assertThat(PathSegments.problem("")).hasValue("is empty");
    assertThat(PathSegments.problem("lb1\nx")).isPresent();
    assertThat(PathSegments.problem("lb1\u0000")).isPresent();
    assertThat(PathSegments.problem("x".repeat(256))).isPresent();
  }
}
