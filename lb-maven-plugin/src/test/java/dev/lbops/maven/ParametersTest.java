package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text parameters checked where they enter, naming the property and the value, escaped. */
class ParametersTest {

  @Test
  void anEnvironmentThatIsAPath_isRefused() {
    assertThatThrownBy(() -> Parameters.segment("lb.environment", "../../../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "lb.environment '../../../x' holds a path separator ('/' or '\\'), which leads to"
                + " another directory: it becomes a directory name in the CMDB lookup path (fix:"
                + " write one name such as production)");
    assertThatThrownBy(() -> Parameters.segment("lb.environment", ".."))
        .hasMessageContaining("names a directory");
    assertThat(Parameters.segment("lb.environment", "production")).isEqualTo("production");
  }

  @Test
  void aLookupPathLeavingTheCmdbDirectory_isRefused() {
    assertThatThrownBy(
            () -> Parameters.lookupPath("lb.lookupPath", List.of("{hostname}.yml", "../{x}.yml")))
        .hasMessageStartingWith("lb.lookupPath[1] '../{x}.yml' is not a file name template inside");
    assertThatThrownBy(() -> Parameters.lookupPath("lb.lookupPath", List.of("/etc/{x}.yml")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Parameters.lookupPath("lb.lookupPath", List.of("{environment}/{hostname}.yml")))
        .hasSize(1);
  }

  @Test
  void aWordWithALineBreak_isRefused_escaped() {
    assertThatThrownBy(() -> Parameters.word("lb.group", "lb\n[INFO] BUILD SUCCESS"))
        .hasMessage(
            "lb.group 'lb\\n[INFO] BUILD SUCCESS' is not a single word (fix: write it without"
                + " spaces, line breaks or control characters)");
    assertThat(Parameters.words("lb.only", List.of("lb1", "lb2"))).containsExactly("lb1", "lb2");
  }

  @Test
  void aNumberBelowItsLeast_isRefusedNamingTheProperty() {
    assertThatThrownBy(() -> Parameters.atLeast("lb.connectTimeout", -5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lb.connectTimeout is -5, but must be at least 1");
    assertThat(Parameters.atLeast("lb.parallelism", 0, 0)).isZero();
  }
}
