package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

  static final Path GOLDEN = Path.of("src/test/resources/verify/golden/report.html");

  /** Run with -Dlb.golden.update=true to rewrite the golden file after an intended change. */
  static final boolean UPDATE = Boolean.getBoolean("lb.golden.update");

  /** A pair after two drills: one that passed with a gap in the traffic, one that did not run. */
  static VerifyReport sampleReport() {
    Map<String, String> running = new LinkedHashMap<>();
    running.put("haproxy", "running");
    running.put("keepalived", "running");
    List<VerifyReport.HostSummary> hosts =
        List.of(
            new VerifyReport.HostSummary(
                "lb1",
                "198.18.0.11",
                List.of(
                    new VerifyReport.InstanceSummary(
                        "vi_www", "MASTER", 150, List.of("198.18.0.100"), "MASTER")),
                running),
            new VerifyReport.HostSummary(
                "lb2",
                "198.18.0.12",
                List.of(
                    new VerifyReport.InstanceSummary(
                        "vi_www", "BACKUP", 100, List.of("198.18.0.100"), "BACKUP"),
                    new VerifyReport.InstanceSummary(
                        "vi_api",
                        "MASTER",
                        120,
                        List.of("198.18.0.101", "198.18.0.102"),
                        "FAULT (keepalived stopped)")),
                running));
    List<ProbeSample> samples = new ArrayList<>();
    for (long at = 0; at < 6000; at += 50) {
      boolean failing = at >= 1000 && at < 1450;
      samples.add(new ProbeSample(at, !failing, failing ? 300 : 2 + at % 7));
    }
    DrillResult graceful =
        new DrillResult(
            "vi_www",
            DrillMode.GRACEFUL,
            "lb1",
            "lb2",
            "198.18.0.100:80",
            1000,
            1400,
            452,
            452,
            9,
            3000,
            3300,
            0,
            0,
            4609,
            true,
            "graceful failover: VIP on lb2 after 400 ms, requests failed for 452 ms (9 of 60)",
            samples);
    DrillResult nodeLoss =
        DrillResult.notRun(
            "vi_api",
            DrillMode.NODE_LOSS,
            "",
            "",
            "",
            4609,
            "not run: no host holds [198.18.0.101, 198.18.0.102] now",
            List.of());
    return new VerifyReport(
        hosts,
        List.of(
            Check.pass("state", "lb1 haproxy running", "pid 42"),
            Check.pass("drift", "lb1 /etc/haproxy/haproxy.cfg", "as rendered"),
            Check.fail(
                "backends",
                "lb2 backend servers up",
                "down on lb2: web/web2 DOWN, api/a1 \"MAINT\" & more"),
            new Check(
                "traffic", "frontend www answers on 198.18.0.100:80", true, "HTTP answer", 0.012),
            new Check("drill", "vi_www graceful failover", true, graceful.message(), 0),
            new Check("drill", "vi_api node loss failover", false, nodeLoss.message(), 0)),
        List.of(graceful, nodeLoss),
        List.of(DrillMode.GRACEFUL, DrillMode.NODE_LOSS));
  }

  @Test
  void theHtmlReport_isTheGoldenPage() throws IOException {
    String html = ReportWriter.html(sampleReport(), "Sample cluster");

    if (UPDATE) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, html);
    }
    assertThat(html).isEqualTo(Files.readString(GOLDEN));
  }
}
