package dev.lbops.maven;

import dev.lbops.lab.Lab;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes every trace of the lab in the lab directory — processes (by their recorded PIDs),
 * namespaces, bridge, files — also after a crashed build; does nothing when no lab is up.
 */
@Mojo(name = "lab-down", requiresProject = false, threadSafe = true)
public class LabDownMojo extends AbstractLbMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_DOWN_SKIP, defaultValue = "false")
  boolean skipLabDown;

  /**
   * The lab's directory, as given to lb:lab-up; {@code target/lab} in a folder without a pom.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.LAB_DIRECTORY,
      defaultValue = "${project.build.directory}/lab")
  File labDirectory;

  @Override
  protected String goal() {
    return "lab-down";
  }

  @Override
  protected boolean goalSkipped() {
    return skipLabDown;
  }

  @Override
  protected Work configure() {
    Path directory = directory(labDirectory, "lab");
    return () -> Lab.down(directory, log());
  }
}
