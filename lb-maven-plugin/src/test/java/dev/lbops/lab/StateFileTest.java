package dev.lbops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

  @TempDir Path directory;

  @Test
  void aLabsState_isWhatOpeningItsDirectoryLaterGives() {
    LabState state =
        new LabState(
            "later",
            HostKind.FULL,
            "lbr123abc",
            "198.18.42",
            List.of(
                new LabHost("lb1", Role.LOAD_BALANCER, "198.18.42.11", "lb-later-lb1", 4242, 99),
                new LabHost("client", Role.CLIENT, "198.18.42.200", "lb-later-client", 0, 0)));

    StateFile.write(new LabLayout(directory), state);
    Lab lab = Lab.open(directory);

    assertThat(lab.state()).isEqualTo(state);
    assertThat(lab.host("lb1").pid()).isEqualTo(4242);
    assertThat(lab.directory()).isEqualTo(directory.toAbsolutePath());
  }

  @Test
  void open_whereNoLabIsUp_saysSo() {
    assertThatThrownBy(() -> Lab.open(directory.resolve("none")))
        .isInstanceOf(LabException.class)
        .hasMessageStartingWith("No lab is up in " + directory.resolve("none"));
  }
}
