package dev.lbops.verify;

import com.github.mustachejava.MustacheException;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Templates;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page: the template {@value #TEMPLATE} (the project's own
 * when its template directory has one, else the bundled one) rendered with the report's values,
 * each HTML-escaped, and a timeline picture per drill.
 */
final class ReportPage {

  static final String TEMPLATE = "report.html.mustache";

  private static final String BUNDLED = "dev/lbops/verify/";
  private static final Templates BUNDLED_TEMPLATES =
      Templates.bundled(BUNDLED, Templates.Escaping.HTML);

  private ReportPage() {}

  /**
   * @param templateDirectory a directory whose {@value #TEMPLATE} replaces the bundled page, or
   *     {@code null}
   * @throws ProblemsException when the project's template fails
   */
  static String html(VerifyReport report, String title, Path templateDirectory) {
    Path override = templateDirectory == null ? null : templateDirectory.resolve(TEMPLATE);
    if (override == null || !Files.isRegularFile(override)) {
      return BUNDLED_TEMPLATES.render(TEMPLATE, page(report, title));
    }
    try {
      return new Templates(
              name -> Templates.open(templateDirectory, BUNDLED, name), Templates.Escaping.HTML)
          .render(TEMPLATE, page(report, title));
    } catch (MustacheException | UncheckedIOException e) {
      throw new ProblemsException(
          "The verify report could not be written",
          List.of(
              Problem.error(
                  Location.of(override),
                  "",
                  "",
                  "template failed: " + e.getMessage(),
                  "correct the template, or remove it to use the bundled one")));
    }
  }

  /** The values of the page, as the template names them. */
  private record Page(
      String title,
      boolean passed,
      String verdict,
      boolean anyDrills,
      List<FigureRow> figures,
      boolean anyRunningOnBackup,
      List<String> runningOnBackup,
      boolean anyFailures,
      List<Check> failures,
      List<DrillView> drills,
      List<InstanceRow> instances,
      List<Check> checks) {}

  /** A row of the cluster table: one VRRP instance of a host. */
  private record InstanceRow(
      String host,
      String address,
      String name,
      String configuredState,
      int priority,
      String vips,
      String role,
      String services) {}

  /** A drill's figures that matter: the failover and the fail-back, each against what it allows. */
  private record FigureRow(
      String instance,
      String mode,
      String pair,
      String failover,
      String failoverFailed,
      long limitMillis,
      String failback,
      String failbackTime,
      String failbackFailed,
      boolean passed) {}

  /** A drill's picture, with the legend of its labels and what it found. */
  private record DrillView(
      String id,
      String instance,
      String mode,
      String master,
      String backup,
      boolean passed,
      boolean ran,
      String svg,
      List<LegendEntry> legend,
      String message) {}

  /** A label of the picture and what it stands for. */
  private record LegendEntry(String label, String meaning, String color) {}

  private static Page page(VerifyReport report, String title) {
    List<InstanceRow> instances = new ArrayList<>();
    for (VerifyReport.HostSummary host : report.hosts()) {
      String services =
          host.services().entrySet().stream()
              .map(service -> service.getKey() + " " + service.getValue())
              .collect(Collectors.joining(", "));
      for (VerifyReport.InstanceSummary instance : host.instances()) {
        instances.add(
            new InstanceRow(
                host.name(),
                host.address(),
                instance.name(),
                instance.configuredState(),
                instance.priority(),
                String.join(", ", instance.vips()),
                instance.role(),
                services));
      }
    }
    List<FigureRow> figures = report.drills().stream().map(ReportPage::figures).toList();
    List<DrillView> drills = new ArrayList<>();
    for (int i = 0; i < report.drills().size(); i++) {
      DrillResult drill = report.drills().get(i);
      String id = "drill-" + (i + 1);
      drills.add(
          new DrillView(
              id,
              drill.instance(),
              mode(drill),
              drill.master(),
              drill.backup(),
              drill.passed(),
              drill.ran(),
              drill.ran() ? Timeline.of(drill, id).stripTrailing() : "",
              Timeline.events(drill).stream()
                  .map(
                      event ->
                          new LegendEntry(
                              event.label(),
                              event.failure()
                                  ? "where the drill failed (see below)"
                                  : event.meaning(),
                              event.color()))
                  .toList(),
              drill.message()));
    }
    return new Page(
        title,
        report.passed(),
        verdict(report),
        !figures.isEmpty(),
        figures,
        !report.runningOnBackup().isEmpty(),
        report.runningOnBackup().stream().map(RunningOnBackup::line).toList(),
        !report.failures().isEmpty(),
        report.failures(),
        drills,
        instances,
        report.checks());
  }

  /** The verdict in one sentence: what passed, or what failed first. */
  static String verdict(VerifyReport report) {
    int checks = report.checks().size();
    List<Check> failures = report.failures();
    if (failures.isEmpty()) {
      return "All "
          + checks
          + " checks passed"
          + (report.drills().isEmpty()
              ? "."
              : "; every failover stayed within its limit and every fail-back went as its"
                  + " failback setting asks.");
    }
    return failures.size()
        + " of "
        + checks
        + " checks failed: "
        + failures.stream().limit(3).map(Check::name).collect(Collectors.joining("; "))
        + (failures.size() > 3 ? "; ..." : ".");
  }

  private static FigureRow figures(DrillResult drill) {
    String failbackTime;
    if (!drill.ran()) {
      failbackTime = "—";
    } else if (drill.failbackMillis() >= 0) {
      failbackTime = drill.failbackMillis() + " ms";
    } else if (drill.vipBackAt() >= 0) {
      failbackTime = millis(drill.vipBackAt(), drill.masterBackAt());
    } else if (!drill.failbackExpected() && drill.masterBackAt() >= 0) {
      failbackTime = "stays on " + drill.backup();
    } else {
      failbackTime = "never";
    }
    String failover;
    if (!drill.ran()) {
      failover = "not run";
    } else {
      failover = drill.failoverMillis() < 0 ? "never" : drill.failoverMillis() + " ms";
    }
    return new FigureRow(
        drill.instance(),
        mode(drill),
        drill.master().isEmpty() ? "—" : drill.master() + " → " + drill.backup(),
        failover,
        drill.ran() && !drill.target().isEmpty()
            ? String.valueOf(drill.failedDuringFailover())
            : "—",
        drill.limitMillis(),
        drill.failback().isEmpty() ? "—" : drill.failback(),
        failbackTime,
        drill.ran() && !drill.target().isEmpty() && drill.masterBackAt() >= 0
            ? String.valueOf(drill.failedDuringFailback())
            : "—",
        drill.passed());
  }

  private static String mode(DrillResult drill) {
    return drill.mode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** From {@code from} to {@code at}, or never when either did not happen. */
  private static String millis(long at, long from) {
    return at < 0 || from < 0 ? "never" : (at - from) + " ms";
  }
}
