package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

@MojoTest
class RenderMojoTest {

  private static final String POM = "pom.xml";
  private static final Path OUTPUT = Path.of("src/test/resources/mojo/render/target/lb");

  @Test
  @Basedir("src/test/resources/mojo/render")
  @InjectMojo(goal = "render", pom = POM)
  void render_writesTheConfigsOfTheHostsInTheGroup(RenderMojo mojo) throws Exception {
    mojo.execute();

    assertThat(OUTPUT.resolve("lb1/etc/haproxy/haproxy.cfg"))
        .content()
        .contains("frontend web\n  bind *:80\n");
    assertThat(OUTPUT.resolve("lb1/etc/keepalived/keepalived.conf")).exists();
    assertThat(OUTPUT.resolve("lb2")).as("lb2 is only in group web").doesNotExist();
  }

  @Test
  @Basedir("src/test/resources/mojo/render")
  @InjectMojo(goal = "render", pom = POM)
  @MojoParameter(name = "timings", value = "true")
  void timings_showWhereTheGoalsTimeWent_phaseByPhase(RenderMojo mojo) throws Exception {
    List<String> logged = logTo(mojo);

    mojo.execute();

    assertThat(logged).contains("Timings (lb.timings):");
    String figures = " +1 +\\d+\\.\\d{3} +\\d+\\.\\d{3}";
    assertThat(logged)
        .anyMatch(line -> line.matches(" +the JVM and Maven, until lb:render started" + figures))
        .anyMatch(line -> line.matches(" +reading the inventory and the CMDB" + figures))
        .anyMatch(
            line -> line.matches(" +rendering the configs \\(templates compiled\\)" + figures))
        .anyMatch(line -> line.matches(" +lb:render, all of it" + figures));
  }

  @Test
  @Basedir("src/test/resources/mojo/render")
  @InjectMojo(goal = "render", pom = POM)
  void withoutTimings_noTableIsLogged(RenderMojo mojo) throws Exception {
    List<String> logged = logTo(mojo);

    mojo.execute();

    assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("Timings"));
  }

  private static List<String> logTo(RenderMojo mojo) {
    List<String> logged = new ArrayList<>();
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            logged.add(content.toString());
          }
        });
    return logged;
  }

  @Test
  @Basedir("src/test/resources/mojo/render")
  @InjectMojo(goal = "render", pom = POM)
  @MojoParameter(name = "mergeStrategy", value = "latest")
  void render_anUnknownMergeStrategy_failsNamingTheChoices(RenderMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Unknown lb.mergeStrategy 'latest': use first-wins or last-wins");
  }

  @Test
  @Basedir("src/test/resources/mojo/render")
  @InjectMojo(goal = "render", pom = POM)
  @MojoParameter(name = "group", value = "db")
  void render_aGroupWithNoHosts_isAUserError(RenderMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("no declared host is in group 'db'");
  }

  @Test
  @Basedir("src/test/resources/mojo/render")
  @InjectMojo(goal = "validate", pom = POM)
  @MojoParameter(name = "skip", value = "true")
  @MojoParameter(name = "group", value = "db")
  void skip_makesAGoalThatWouldFail_doNothing(ValidateMojo mojo) throws Exception {
    // Group db has no hosts: without lb.skip this is the failure of
    // render_aGroupWithNoHosts_isAUserError.
    mojo.execute();
  }
}
