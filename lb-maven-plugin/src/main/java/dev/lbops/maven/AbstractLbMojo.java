package dev.lbops.maven;

import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.lab.LabException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The base of every goal: the skip check, then the goal's work in the core, with the core's
 * exceptions mapped to Maven's.
 */
public abstract class AbstractLbMojo extends AbstractMojo {

  /**
   * Skips every goal of this plugin.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || goalSkipped()) {
      getLog().info("lb:" + goal() + " is skipped.");
      return;
    }
    try {
      executeGoal();
    } catch (ProblemsException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (LabException | UncheckedIOException | IllegalStateException e) {
      throw new MojoExecutionException("lb:" + goal() + " failed: " + e.getMessage(), e);
    }
  }

  /** The goal's name, for messages. */
  protected abstract String goal();

  /** Whether the goal's own skip property is set. */
  protected boolean goalSkipped() {
    return false;
  }

  /** The goal's work. */
  protected abstract void executeGoal() throws MojoFailureException;

  protected LbLog log() {
    return new MavenLog(getLog());
  }

  /** The build directory; {@code ./target} in a folder without a pom. */
  protected Path buildDirectory() {
    if (project == null || project.getBasedir() == null) {
      return Path.of("target").toAbsolutePath();
    }
    return Path.of(project.getBuild().getDirectory());
  }
}
