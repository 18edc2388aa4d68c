package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import java.io.File;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Packages every host's rendered configs as one zip ({@code <host>/etc/...}), secrets redacted and
 * reproducible: the versioned record of a release of the cluster. It is the main artifact of an
 * {@code lb-cluster} project, and attached with classifier {@code configs} to any other.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractRenderingMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PACKAGE_SKIP, defaultValue = "false")
  boolean skipPackage;

  /**
   * The entries' time, ISO-8601 or seconds since 1970: by default the project's {@code
   * project.build.outputTimestamp}, which makes the zip identical from build to build; without one,
   * 1980-01-01.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.OUTPUT_TIMESTAMP,
      defaultValue = "${project.build.outputTimestamp}")
  String outputTimestamp;

  @Parameter(
      defaultValue = "${project.build.directory}/${project.build.finalName}.zip",
      readonly = true)
  File archive;

  private final MavenProjectHelper projectHelper;

  @Inject
  public PackageMojo(SettingsDecrypter settingsDecrypter, MavenProjectHelper projectHelper) {
    super(settingsDecrypter);
    this.projectHelper = projectHelper;
  }

  @Override
  protected String goal() {
    return "package";
  }

  @Override
  protected boolean goalSkipped() {
    return skipPackage;
  }

  @Override
  protected Work configure(ClusterOperations cluster) throws MojoFailureException {
    RenderOptions options = renderOptions();
    Instant entryTime = entryTime();
    return () -> {
      cluster.archive(options, archive.toPath(), entryTime);
      if ("lb-cluster".equals(project.getPackaging())) {
        project.getArtifact().setFile(archive);
      } else {
        projectHelper.attachArtifact(project, "zip", "configs", archive);
      }
      getLog().info("Packaged the rendered configs (secrets redacted): " + archive);
    };
  }

  private Instant entryTime() throws MojoFailureException {
    if (outputTimestamp == null || outputTimestamp.isBlank()) {
      return Instant.parse("1980-01-01T00:00:00Z");
    }
    try {
      return outputTimestamp.matches("\\d+")
          ? Instant.ofEpochSecond(Long.parseLong(outputTimestamp))
          : OffsetDateTime.parse(outputTimestamp).toInstant();
    } catch (DateTimeParseException e) {
      throw new MojoFailureException(
          "The entries' time '"
              + outputTimestamp
              + "' ("
              + PropertyNames.OUTPUT_TIMESTAMP
              + ", by default project.build.outputTimestamp)"
              + "' is neither ISO-8601 (2026-11-25T00:00:00Z) nor seconds since 1970",
          e);
    }
  }
}
