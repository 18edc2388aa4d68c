package dev.lbops.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config rendered again as it was when it passed its check is not checked again. */
class PassedChecksTest {

  @TempDir Path directory;

  /** Written by the checks of several hosts at once. */
  private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

  private void render(ClusterFixture fixture) {
    LbLog log =
        new LbLog() {
          @Override
          public void debug(String message) {
            logged.add(message);
          }

          @Override
          public void info(String message) {
            logged.add(message);
          }

          @Override
          public void warn(String message) {
            logged.add(message);
          }

          @Override
          public void error(String message) {
            logged.add(message);
          }
        };
    new ClusterOperations(fixture.spec(), fixture.credentials(), log, new HashSet<>())
        .render(
            new RenderOptions(directory.resolve("out"), TemplateSource.BUNDLED_ONLY, "test", true));
  }

  private List<String> checksRun() {
    return logged.stream()
        .filter(line -> line.matches("\\S*(haproxy|unshare) .* -> exit \\d+"))
        .toList();
  }

  @Test
  void anUnchangedRender_isNotCheckedAgain_butAnEditedConfigIs() {
    ClusterFixture fixture = ClusterFixture.healthyPair(directory);
    render(fixture);
    assertThat(checksRun()).as("haproxy.cfg once (same body), keepalived.conf per host").hasSize(3);

    logged.clear();
    render(fixture);
    assertThat(checksRun()).isEmpty();
    assertThat(logged)
        .contains(
            "4 of 4 configs are as they were when they passed their check: not checked again");

    logged.clear();
    fixture.file(
        "default.yml",
        ClusterFixture.PAIR_DEFAULT.replace("option httpchk GET /", "option httpchkk GET /"));
    assertThatThrownBy(() -> render(fixture))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e ->
                assertThat(((ProblemsException) e).problems())
                    .anySatisfy(problem -> assertThat(problem.message()).contains("httpchkk")));
    assertThat(checksRun())
        .as("only the edited haproxy.cfg (and its twin once it failed)")
        .hasSize(2);
    assertThat(logged)
        .contains(
            "2 of 4 configs are as they were when they passed their check: not checked again");
  }
}
