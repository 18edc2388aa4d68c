package dev.lbops.maven;

import com.google.gson.GsonBuilder;
import dev.lbops.core.PrivateFiles;
import dev.lbops.deploy.DeployException;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.HostOutcome;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.render.RenderOptions;
import dev.lbops.verify.ReportWriter;
import dev.lbops.verify.VerifyReport;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** The core's reports shown in the build log and kept as files. */
final class Reports {

  private Reports() {}

  /**
   * Deploys (or, in a dry run, diffs), logs the table and writes {@code deploy-report.json} (or
   * {@code diff-report.json}) beside the rendered configs, also of a deploy that failed.
   */
  static DeployReport deploy(
      ClusterOperations cluster, RenderOptions render, DeployOptions options, Log log) {
    Path file =
        render
            .outputDirectory()
            .resolve(options.dryRun() ? "diff-report.json" : "deploy-report.json");
    try {
      DeployReport report = cluster.deploy(render, options);
      write(report, file, log);
      return report;
    } catch (DeployException e) {
      write(e.report(), file, log);
      throw e;
    }
  }

  /**
   * A deploy's dry run ({@code options.dryRun()}): as {@link #deploy}, then each diff and what a
   * deploy would do.
   */
  static DeployReport diff(
      ClusterOperations cluster, RenderOptions render, DeployOptions options, Log log) {
    DeployReport report = deploy(cluster, render, options, log);
    report.diffs().forEach(diff -> diff.lines().forEach(log::info));
    boolean differs =
        report.hosts().stream().anyMatch(host -> host.state() != HostOutcome.State.UNCHANGED);
    log.info(
        differs
            ? "A deploy would change the hosts above; nothing was changed."
            : "Every host matches the rendered configs.");
    return report;
  }

  /** The report, readable by its owner only from the start: its diffs come from configs. */
  private static void write(DeployReport report, Path file, Log log) {
    report.table().forEach(log::info);
    PrivateFiles.write(file, new GsonBuilder().setPrettyPrinting().create().toJson(report));
    log.info("Report: " + file);
  }

  /**
   * Logs every check and writes the JUnit XML, JSON and HTML reports into {@code directory}, the
   * page from the project's {@code report.html.mustache} when {@code templateDirectory} has one.
   *
   * @throws MojoFailureException naming each failed check, when one failed
   */
  static void verify(
      VerifyReport report, String title, Path directory, RenderOptions render, Log log)
      throws MojoFailureException {
    report.lines().forEach(log::info);
    Path html = ReportWriter.write(report, title, directory, render.templates().overrides());
    log.info("Verify report: " + html + " (JUnit XML and JSON beside it)");
    if (!report.passed()) {
      throw new MojoFailureException(
          report.failures().size()
              + " of "
              + report.checks().size()
              + " checks failed:\n  "
              + String.join(
                  "\n  ",
                  report.failures().stream().map(f -> f.name() + ": " + f.message()).toList()));
    }
  }
}
