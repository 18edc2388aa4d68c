package dev.lbops.maven;

import dev.lbops.core.LbException;
import dev.lbops.core.LbLog;
import dev.lbops.core.Timings;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The base of every goal, in a fixed order: the skip check, Maven's offline mode for a goal that
 * needs the network, the goal's immutable configuration built from its parameters (a wrong value
 * fails here, before the core runs), the goal's work in the core, and the core's exceptions mapped
 * to Maven's.
 */
public abstract class AbstractLbMojo extends AbstractMojo {

  /**
   * Skips every goal of this plugin.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  boolean skip;

  /**
   * Logs where the goal's time went: the JVM and Maven before it, and each phase of its work
   * (loading the CMDB, each host's SSH connection and round trips, rendering, checks, locks,
   * activation), how often each ran, its total and its longest run.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TIMINGS, defaultValue = "false")
  boolean timings;

  private Timings timed;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /** A goal's work in the core, configured and ready to run. */
  @FunctionalInterface
  protected interface Work {
    void run() throws MojoFailureException;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || goalSkipped()) {
      getLog().info("lb:" + goal() + " is skipped.");
      return;
    }
    String offlineWork = session != null && session.isOffline() ? offlineWork() : "";
    if (!offlineWork.isEmpty()) {
      throw new MojoFailureException(
          "lb:"
              + goal()
              + " cannot "
              + offlineWork
              + " in offline mode (mvn -o, or <offline>true</offline> in settings.xml). Run it"
              + " without -o; lb:validate, lb:render, lb:explain and lb:package work offline.");
    }
    long started = System.nanoTime();
    if (timings) {
      timed = new Timings();
      timed.add(
          "the JVM and Maven, until lb:" + goal() + " started",
          (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime())
              * 1_000_000);
    }
    try {
      configured().run();
    } catch (LbException e) {
      if (e.userFixable()) {
        throw new MojoFailureException(e.getMessage(), e);
      }
      throw new MojoExecutionException(failed(e), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException(failed(e), e);
    } finally {
      if (timed != null) {
        timed.add("lb:" + goal() + ", all of it", System.nanoTime() - started);
        getLog().info("Timings (lb.timings):");
        timed.lines().forEach(line -> getLog().info("  " + line));
      }
    }
  }

  private Work configured() throws MojoFailureException {
    List<String> renamed = PropertyNames.renamedIn(setProperties()).toList();
    if (!renamed.isEmpty()) {
      throw new MojoFailureException(String.join("; ", renamed));
    }
    try {
      return configure();
    } catch (IllegalArgumentException e) {
      // The core's values check themselves where they are made: here, from the parameters.
      throw new MojoFailureException("lb:" + goal() + ": " + e.getMessage(), e);
    }
  }

  private Properties[] setProperties() {
    return new Properties[] {
      session == null ? new Properties() : session.getUserProperties(),
      project == null ? new Properties() : project.getProperties()
    };
  }

  private String failed(RuntimeException e) {
    return "lb:" + goal() + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
  }

  /** The goal's name, for messages. */
  protected abstract String goal();

  /** Whether the goal's own skip property ({@code lb.<goal>.skip}) is set. */
  protected abstract boolean goalSkipped();

  /**
   * What the goal cannot do in Maven's offline mode, for the message that refuses it there ("go to
   * the hosts over SSH"); empty for a goal that works offline. Asked only offline.
   */
  protected String offlineWork() {
    return "";
  }

  /**
   * Reads and checks the goal's parameters into the core's options; returns the work that runs the
   * core with them.
   */
  protected abstract Work configure() throws MojoFailureException;

  /**
   * A lab goal's offline work: none when this machine has all a lab of {@code labKind} needs (a lab
   * runs on this machine, not over the network), else {@code work} and what it would download.
   */
  static String labOfflineWork(String work, String labKind) {
    HostKind kind;
    try {
      kind = Choices.one(PropertyNames.LAB_KIND, labKind, HostKind.class);
    } catch (MojoFailureException e) {
      return ""; // the goal's configuration reports the wrong kind
    }
    return labOfflineWork(work, Lab.downloads(kind));
  }

  static String labOfflineWork(String work, List<String> downloads) {
    return downloads.isEmpty()
        ? ""
        : work + " (it would download " + String.join(", ", downloads) + ")";
  }

  protected LbLog log() {
    return new MavenLog(getLog(), timed);
  }

  /**
   * A directory parameter whose default lies in the project's build directory: as configured, or
   * {@code ./target/<below>} in a folder without a pom.
   */
  protected Path directory(File configured, String below) {
    if (configured == null || configured.getPath().contains("${")) {
      // Without a pom there is no build directory: Maven leaves the default's expression as is.
      return Path.of("target").toAbsolutePath().resolve(below);
    }
    return configured.toPath();
  }
}
