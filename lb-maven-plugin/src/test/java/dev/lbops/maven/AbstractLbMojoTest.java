package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.LbException;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.lab.LabException;
import dev.lbops.verify.DrillMode;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystemSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The order every goal runs in: skip, configure, the core, exceptions mapped to Maven's. */
class AbstractLbMojoTest {

  /** A goal whose configuration and work the test chooses. */
  private static final class Goal extends AbstractLbMojo {
    private final List<String> logged = new ArrayList<>();
    private RuntimeException configureThrows;
    private Work work = () -> {};
    private boolean ran;
    private boolean goalSkip;
    private String offlineWork = "";

    Goal() {
      setLog(
          new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
              logged.add(content.toString());
            }
          });
    }

    Goal throwing(RuntimeException exception) {
      work =
          () -> {
            ran = true;
            throw exception;
          };
      return this;
    }

    @Override
    protected String goal() {
      return "test";
    }

    @Override
    protected boolean goalSkipped() {
      return goalSkip;
    }

    @Override
    protected String offlineWork() {
      return offlineWork;
    }

    /** Runs in a build with Maven's offline mode ({@code mvn -o}) on or off. */
    Goal offline(boolean offline) {
      session =
          new MavenSession(
              null,
              (RepositorySystemSession) null,
              new DefaultMavenExecutionRequest().setOffline(offline),
              new DefaultMavenExecutionResult());
      return this;
    }

    @Override
    protected Work configure() {
      if (configureThrows != null) {
        throw configureThrows;
      }
      return () -> {
        ran = true;
        work.run();
      };
    }
  }

  private static LbException coreException(String message, boolean userFixable) {
    return new LbException(message, new IllegalStateException("the cause")) {
      @Override
      public boolean userFixable() {
        return userFixable;
      }
    };
  }

  @Nested
  @DisplayName("the core's exceptions")
  class CoreExceptions {

    @Test
    void oneTheUserCanFix_failsTheBuild_withItsMessageAndCause() {
      ProblemsException problems =
          new ProblemsException(
              "The cluster definition has errors",
              List.of(
                  Problem.error(
                      Location.UNKNOWN, "lb1", "maxconn", "not a number", "write a number")));

      assertThatThrownBy(() -> new Goal().throwing(problems).execute())
          .isInstanceOf(MojoFailureException.class)
          .hasMessage(problems.getMessage())
          .hasCause(problems);
    }

    @Test
    void everyUserFixableOne_failsTheBuild() {
      LbException unreachable = coreException("lb1: connection refused", true);

      assertThatThrownBy(() -> new Goal().throwing(unreachable).execute())
          .isInstanceOf(MojoFailureException.class)
          .hasCause(unreachable);
    }

    @Test
    void oneOfThisMachine_isAnExecutionError_namingTheGoal_andKeepingTheCause() {
      LabException lab = new LabException("no bridge module", new IllegalStateException("ip"));

      assertThatThrownBy(() -> new Goal().throwing(lab).execute())
          .isInstanceOf(MojoExecutionException.class)
          .hasMessage("lb:test failed: no bridge module")
          .hasCause(lab);
    }

    @Test
    void anUnexpectedOne_isAnExecutionError_keepingTheCause() {
      UncheckedIOException io =
          new UncheckedIOException("Cannot write x", new java.io.IOException("disk full"));
      NullPointerException bug = new NullPointerException();

      assertThatThrownBy(() -> new Goal().throwing(io).execute())
          .isInstanceOf(MojoExecutionException.class)
          .hasMessage("lb:test failed: Cannot write x")
          .hasCause(io);
      assertThatThrownBy(() -> new Goal().throwing(bug).execute())
          .isInstanceOf(MojoExecutionException.class)
          .hasMessage("lb:test failed: java.lang.NullPointerException")
          .hasCause(bug);
    }
  }

  @Test
  void aValueRefusedWhileConfiguring_failsTheBuild_beforeTheCoreRuns() {
    Goal goal = new Goal();
    goal.configureThrows = new IllegalArgumentException("a lab has 1-99 load balancers");

    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("lb:test: a lab has 1-99 load balancers");
    assertThat(goal.ran).isFalse();
  }

  @Test
  void skip_logsThatTheGoalIsSkipped_andRunsNothing() throws Exception {
    Goal goal = new Goal();
    goal.skip = true;

    goal.execute();

    assertThat(goal.logged).containsExactly("lb:test is skipped.");
    assertThat(goal.ran).isFalse();
  }

  @Test
  void theGoalsOwnSkip_logsThatTheGoalIsSkipped_andRunsNothing() throws Exception {
    Goal goal = new Goal();
    goal.goalSkip = true;

    goal.execute();

    assertThat(goal.logged).containsExactly("lb:test is skipped.");
    assertThat(goal.ran).isFalse();
  }

  @Nested
  @DisplayName("Maven's offline mode")
  class Offline {

    @Test
    void aGoalThatNeedsTheNetwork_failsAtOnce_sayingWhatItCannotDo_andHowToGoOn() {
      Goal goal = new Goal().offline(true);
      goal.offlineWork = "go to the hosts over SSH";

      assertThatThrownBy(goal::execute)
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith("lb:test cannot go to the hosts over SSH in offline mode (mvn -o")
          .hasMessageContaining("Run it without -o")
          .hasMessageContaining("lb:validate, lb:render, lb:explain and lb:package work offline");
      assertThat(goal.ran).isFalse();
    }

    @Test
    void aGoalThatNeedsTheNetwork_runsWhenMavenIsOnline() throws Exception {
      Goal goal = new Goal().offline(false);
      goal.offlineWork = "go to the hosts over SSH";

      goal.execute();

      assertThat(goal.ran).isTrue();
    }

    @Test
    void aGoalThatWorksOffline_runs() throws Exception {
      Goal goal = new Goal().offline(true);

      goal.execute();

      assertThat(goal.ran).isTrue();
    }

    @Test
    void aLabGoal_needsTheNetworkOnlyToDownloadWhatThisMachineLacks() {
      assertThat(AbstractLbMojo.labOfflineWork("bring up a lab", List.of()))
          .as("a lab runs on this machine")
          .isEmpty();
      assertThat(AbstractLbMojo.labOfflineWork("bring up a lab", List.of("tini", "haproxy")))
          .isEqualTo("bring up a lab (it would download tini, haproxy)");
      assertThat(AbstractLbMojo.labOfflineWork("bring up a lab", "light"))
          .as("this build machine has what a light lab needs")
          .isEmpty();
      assertThat(AbstractLbMojo.labOfflineWork("bring up a lab", "huge"))
          .as("a wrong kind is reported by the goal's configuration")
          .isEmpty();
    }

    @Test
    void aSkippedGoal_isSkipped_alsoOffline() throws Exception {
      Goal goal = new Goal().offline(true);
      goal.offlineWork = "go to the hosts over SSH";
      goal.skip = true;

      goal.execute();

      assertThat(goal.logged).containsExactly("lb:test is skipped.");
    }
  }

  @Test
  void aRenamedProperty_failsTheBuild_namingItsNewName() {
    Goal goal = new Goal();
    goal.project = new MavenProject();
    goal.project.getProperties().setProperty("lb.hosts", "lb1");

    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("lb.hosts was renamed: use lb.only");
    assertThat(goal.ran).as("no deploy to every host").isFalse();
  }

  @Nested
  @DisplayName("a value out of a fixed set")
  class FixedSets {

    @Test
    void isReadInAnyCase_withDashesOrUnderscores() throws Exception {
      assertThat(
              Choices.each(
                  "lb.drillModes", List.of("node-loss", "GRACEFUL", "Node_Loss"), DrillMode.class))
          .containsExactly(DrillMode.NODE_LOSS, DrillMode.GRACEFUL, DrillMode.NODE_LOSS);
    }

    @Test
    void anUnknownLabKind_failsNamingTheProperty_theValue_andTheChoices() {
      LabUpMojo labUp = new LabUpMojo();
      labUp.labKind = "huge";
      labUp.labName = "lab";
      labUp.labLoadBalancers = 2;
      labUp.labBackends = 2;
      labUp.labDirectory = new File("target/never-made");

      assertThatThrownBy(labUp::execute)
          .isInstanceOf(MojoFailureException.class)
          .hasMessage("Unknown lb.labKind 'huge': use light or full");
      assertThat(new File("target/never-made")).doesNotExist();
    }

    @Test
    void anUnknownDrillMode_failsBeforeAnyHostIsContacted() {
      VerifyMojo verify = new VerifyMojo(null);
      verify.cmdbDirectory = new File("target/no-cmdb");
      verify.mergeStrategy = "first-wins";
      verify.drillModes = List.of("graceful", "sideways");

      assertThatThrownBy(verify::execute)
          .isInstanceOf(MojoFailureException.class)
          .hasMessage("Unknown lb.drillModes 'sideways': use graceful or node-loss");
    }
  }
}
