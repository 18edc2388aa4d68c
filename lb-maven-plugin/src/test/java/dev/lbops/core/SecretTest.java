package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void redact_masksTheLongestSecretFirst_soOneThatBeginsAnotherLeavesNothingVisible() {
    String text = "old: Abc9 new: Abc9XYZ9";

    assertThat(Secret.redact(text, List.of(Secret.of("Abc9"), Secret.of("Abc9XYZ9"))))
        .isEqualTo("old: ****** new: ******");
  }

  @Test
  void redact_byStructure_masksASecretItDoesNotKnow_thenTheKnownOnesByValue() {
    Pattern place = Pattern.compile("(?m)^pass (?<secret>\\S+)$");
    String text = "pass 0ldUnknown\nuser ops\nquoted: N3wKnown\n";

    assertThat(Secret.redact(text, List.of(place), List.of(Secret.of("N3wKnown"))))
        .isEqualTo("pass ******\nuser ops\nquoted: ******\n");
  }

  @Test
  void toString_neverShowsTheSecret() {
    assertThat(Secret.of("St4tsPw").toString()).isEqualTo("******");
  }

  @Test
  void aShortSecretOrACommonConfigWord_isTooWeakToBeRedacted_withoutNamingIt() {
    assertThat(Secret.of("box").weakness()).hasValue("it is shorter than 4 characters");
    assertThat(Secret.of("Admin").weakness()).hasValue("it is a word every config and log holds");
    assertThat(Secret.of("haproxy").weakness()).isPresent();
    assertThat(Secret.of("stats").weakness()).isPresent();
    assertThat(Secret.of("b0xes").weakness()).isEmpty();
    assertThat(Secret.of("ünï€").weakness()).as("4 characters, whatever their bytes").isEmpty();
  }
}
