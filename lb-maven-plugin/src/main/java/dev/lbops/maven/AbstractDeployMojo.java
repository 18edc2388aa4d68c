package dev.lbops.maven;

import com.google.gson.GsonBuilder;
import dev.lbops.deploy.DeployException;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.operations.ClusterOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The base of the goals that change the hosts (or show what would change): deploy, diff, setup. */
public abstract class AbstractDeployMojo extends AbstractRemoteMojo {

  /**
   * Deploy to these hosts only (comma-separated names); pair checks still see the whole cluster.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.HOSTS)
  List<String> onlyHosts;

  /**
   * How many hosts are prepared at once; 0 means all.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PARALLELISM, defaultValue = "0")
  int parallelism;

  /**
   * When a host fails, restore the hosts already changed in this run.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ROLLBACK, defaultValue = "true")
  boolean rollback;

  /**
   * Seconds to wait for another deploy's lock on a host before failing.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "60")
  int lockTimeout;

  protected AbstractDeployMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  /** Whether this goal only computes what would change. */
  protected abstract boolean dryRun();

  /** Deploys (or diffs) and reports; returns the report of a successful run. */
  protected DeployReport deploy(ClusterOperations pipeline) throws MojoFailureException {
    DeployOptions options =
        new DeployOptions(
            dryRun(),
            Set.copyOf(onlyHosts == null ? List.of() : onlyHosts),
            parallelism,
            rollback,
            hostKeys(),
            connectTimeout(),
            commandTimeout(),
            Duration.ofSeconds(lockTimeout));
    try {
      DeployReport report = pipeline.deploy(renderOptions(), options);
      report(report);
      return report;
    } catch (DeployException e) {
      report(e.report());
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private void report(DeployReport report) {
    report.table().forEach(getLog()::info);
    Path file =
        renderOptions()
            .outputDirectory()
            .resolve(dryRun() ? "diff-report.json" : "deploy-report.json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(report));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    getLog().info("Report: " + file);
  }
}
