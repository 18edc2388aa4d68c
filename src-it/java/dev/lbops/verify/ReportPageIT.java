package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * lb:verify's report, made from hand-made results (no lab), opened in Chromium: a passing and a
 * failing one, the failing one with many moments close together and at the picture's edges, so
 * that labels would collide or leave the picture if they were not set in lanes.
 */
class ReportPageIT {

  private static final Path OUT = Path.of("target/it-reports").toAbsolutePath();

  private static List<ProbeSample> samples(long until, long... failedAt) {
    List<ProbeSample> samples = new ArrayList<>();
    for (long at = 0; at < until; at += 50) {
      boolean failed = false;
      for (long f : failedAt) {
        failed |= at == f;
      }
      samples.add(new ProbeSample(at, !failed, failed ? 300 : 1 + at % 5));
    }
    return samples;
  }

  private static VerifyReport report(List<DrillResult> drills) {
    Map<String, String> running = new LinkedHashMap<>();
    running.put("haproxy", "running");
    running.put("keepalived", "running");
    List<Check> checks = new ArrayList<>();
    checks.add(Check.pass("state", "lb1 haproxy running", "pid 42"));
    for (DrillResult drill : drills) {
      checks.add(
          new Check(
              "drill",
              drill.instance() + " " + drill.mode() + " failover and fail-back",
              drill.passed(),
              drill.message(),
              0));
    }
    return new VerifyReport(
        List.of(
            new VerifyReport.HostSummary(
                "keepalive-primary-01.example.org",
                "198.18.0.11",
                List.of(
                    new VerifyReport.InstanceSummary(
                        "vi_www", "MASTER", 150, List.of("198.18.0.100"), "MASTER")),
                running),
            new VerifyReport.HostSummary(
                "keepalive-secondary-02.example.org",
                "198.18.0.12",
                List.of(
                    new VerifyReport.InstanceSummary(
                        "vi_www", "BACKUP", 100, List.of("198.18.0.100"), "BACKUP")),
                running)),
        checks,
        drills,
        drills.stream().map(DrillResult::mode).distinct().toList(),
        List.of());
  }

  private static DrillResult drill(
      DrillMode mode,
      long stopped,
      long onBackup,
      long back,
      long vipBack,
      long failedAt,
      List<ProbeSample> samples) {
    int lostBack = (int) samples.stream().filter(s -> !s.ok() && s.atMillis() >= back).count();
    int lostOver = (int) samples.stream().filter(s -> !s.ok() && s.atMillis() < back).count();
    return new DrillResult(
        "vi_www",
        mode,
        "keepalive-primary-01.example.org",
        "keepalive-secondary-02.example.org",
        "198.18.0.100:80",
        stopped,
        onBackup,
        onBackup - stopped,
        onBackup - stopped,
        lostOver,
        back,
        vipBack,
        0,
        vipBack < 0 ? -1 : vipBack - back,
        lostBack,
        4609,
        "delayed",
        true,
        failedAt,
        failedAt < 0,
        mode + " failover: ...; fail-back (delayed): ..."
            + (failedAt < 0 ? "" : " — the fail-back lost requests"),
        samples);
  }

  @Test
  void aPassingReport_opensWithTheVerdict_andReadsWellInChromium() throws Exception {
    VerifyReport report =
        report(
            List.of(
                drill(DrillMode.GRACEFUL, 250, 900, 3000, 11200, -1, samples(12500, 300, 350)),
                drill(
                    DrillMode.NODE_LOSS,
                    250,
                    3900,
                    4200,
                    12400,
                    -1,
                    samples(13800, 300, 350, 400, 450, 500))));
    Path html = ReportWriter.write(report, "passing cluster", OUT.resolve("passing"));

    String page = Files.readString(html);
    assertThat(page.indexOf("PASSED")).isLessThan(page.indexOf("Failover and fail-back"));
    assertThat(page.indexOf("Failover and fail-back")).isLessThan(page.indexOf("<svg"));
    assertThat(page.indexOf("<svg")).isLessThan(page.indexOf("Every check"));

    ReportInChromium.Result result = ReportInChromium.open(html, OUT, "passing");

    ReportInChromium.assertReadable(result, OUT, "passing");
    assertThat(result.screen().get("1280").pictures()).hasSize(2);
  }

  @Test
  void aFailingReport_withMomentsCloseTogetherAndAtTheEdges_keepsEveryLabelApartAndInside()
      throws Exception {
    // 60 s of probing; the master's away, the VIPs' moves, its return and the failure all within
    // 40 ms, and a second drill whose moments crowd the right edge.
    DrillResult crowded =
        drill(DrillMode.NODE_LOSS, 30_000, 30_010, 30_020, 30_040, 30_030, samples(60_000, 30_000, 30_050));
    DrillResult atTheEdge =
        drill(DrillMode.GRACEFUL, 0, 5, 59_940, 59_960, 59_950, samples(60_000, 59_950));
    Path html =
        ReportWriter.write(report(List.of(crowded, atTheEdge)), "failing cluster", OUT.resolve("failing"));

    String page = Files.readString(html);
    assertThat(page.indexOf("FAILED")).isLessThan(page.indexOf("Failover and fail-back"));
    assertThat(page).contains(">FAILED</text>");

    ReportInChromium.Result result = ReportInChromium.open(html, OUT, "failing");

    ReportInChromium.assertReadable(result, OUT, "failing");
    for (String picture : List.of("drill-1", "drill-2")) {
      List<ReportInChromium.Text> labels =
          ReportInChromium.eventLabels(result.screen().get("1280"), picture);
      assertThat(labels)
          .extracting(ReportInChromium.Text::text)
          .containsExactlyInAnyOrder("M away", "VIP on B", "M back", "FAILED", "VIP on M");
      assertThat(labels.stream().map(label -> label.box().top()).collect(Collectors.toSet()))
          .as("the labels of %s take several lanes", picture)
          .hasSizeGreaterThan(2);
    }
  }
}
