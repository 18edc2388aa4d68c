package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import java.io.File;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.archiver.MavenArchiver;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

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
   * or with Maven's one-character "no timestamp" ({@code a}), 1980-01-01.
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

  private static final Instant NO_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");

  private final MavenProjectHelper projectHelper;

  @Inject
  public PackageMojo(ServerDecryption serverDecryption, MavenProjectHelper projectHelper) {
    super(serverDecryption);
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
      getLog()
          .info(
              "Packaged the rendered configs (secrets redacted, entries dated "
                  + entryTime
                  + "): "
                  + archive);
    };
  }

  /**
   * The entries' time as Maven's own archivers read {@code project.build.outputTimestamp}: ISO-8601
   * or seconds since 1970, between 1980 and 2099; a single character (Maven's {@code a}, "no
   * timestamp") or none leaves the zip at 1980-01-01, still the same from build to build.
   */
  private Instant entryTime() throws MojoFailureException {
    try {
      return MavenArchiver.parseBuildOutputTimestamp(outputTimestamp).orElse(NO_TIMESTAMP);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(
          "lb:package: the entries' time '"
              + outputTimestamp
              + "' ("
              + PropertyNames.OUTPUT_TIMESTAMP
              + ", by default project.build.outputTimestamp) is not a time Maven can use: "
              + e.getMessage()
              + ". Give it as ISO-8601 (2026-11-25T00:00:00Z) or seconds since 1970.",
          e);
    }
  }
}
