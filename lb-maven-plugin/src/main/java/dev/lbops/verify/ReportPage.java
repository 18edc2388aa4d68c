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
      int checkCount,
      int failureCount,
      int drillCount,
      List<InstanceRow> instances,
      List<Check> checks,
      boolean anyDrills,
      List<DrillRow> drills) {}

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

  /** A row of the drill table, with its timeline picture and caption. */
  private record DrillRow(
      String instance,
      String mode,
      String master,
      String backup,
      String vipMoved,
      String failoverGap,
      int failedDuringFailover,
      long limitMillis,
      String vipBack,
      int failedDuringFailback,
      boolean passed,
      String svg,
      String message) {}

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
    List<DrillRow> drills =
        report.drills().stream()
            .map(
                drill ->
                    new DrillRow(
                        drill.instance(),
                        drill.mode().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        drill.master(),
                        drill.backup(),
                        millis(drill.vipOnBackupAt(), drill.masterStoppedAt()),
                        drill.failoverGapMillis() < 0 ? "—" : drill.failoverGapMillis() + " ms",
                        drill.failedDuringFailover(),
                        drill.limitMillis(),
                        millis(drill.vipBackAt(), drill.masterBackAt()),
                        drill.failedDuringFailback(),
                        drill.passed(),
                        Timeline.of(drill).stripTrailing(),
                        drill.message()))
            .toList();
    return new Page(
        title,
        report.passed(),
        report.checks().size(),
        report.failures().size(),
        report.drills().size(),
        instances,
        report.checks(),
        !drills.isEmpty(),
        drills);
  }

  /** From {@code from} to {@code at}, or never when either did not happen. */
  private static String millis(long at, long from) {
    return at < 0 || from < 0 ? "never" : (at - from) + " ms";
  }
}
