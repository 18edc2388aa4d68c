package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.ProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    for (long at = 0; at < 12000; at += 50) {
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
            11300,
            0,
            8300,
            0,
            4609,
            "delayed",
            true,
            -1,
            true,
            "graceful failover: VIP on lb2 after 400 ms, requests failed for 452 ms (9 of 60)",
            samples);
    List<ProbeSample> lossy = new ArrayList<>();
    for (long at = 0; at < 16000; at += 50) {
      boolean failing = at >= 800 && at < 4300 || at == 12500;
      lossy.add(new ProbeSample(at, !failing, failing ? 300 : 3));
    }
    DrillResult lostOnTheWayBack =
        new DrillResult(
            "vi_www",
            DrillMode.NODE_LOSS,
            "lb1",
            "lb2",
            "198.18.0.100:80",
            800,
            4200,
            3550,
            3550,
            70,
            4400,
            12510,
            8400,
            8400,
            1,
            4609,
            "delayed",
            true,
            12500,
            false,
            "node loss failover: ...; fail-back (delayed): VIP on lb1 after 8110 ms, requests failed"
                + " for 8400 ms (1 of 232) — the fail-back lost requests",
            lossy);
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
            new Check(
                "drill", "vi_www graceful failover and fail-back", true, graceful.message(), 0),
            new Check(
                "drill",
                "vi_www node loss failover and fail-back",
                false,
                lostOnTheWayBack.message(),
                0),
            new Check(
                "drill", "vi_api node loss failover and fail-back", false, nodeLoss.message(), 0)),
        List.of(graceful, lostOnTheWayBack, nodeLoss),
        List.of(DrillMode.GRACEFUL, DrillMode.NODE_LOSS),
        List.of(
            new RunningOnBackup(
                "vi_api",
                "lb1",
                "lb2",
                "Keepalived is stopped on lb2: start it (lb:deploy does)")));
  }

  @Test
  void theHtmlReport_isTheGoldenPage() throws IOException {
    String html = ReportPage.html(sampleReport(), "Sample cluster", null);

    if (UPDATE) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, html);
    }
    assertThat(html).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void valuesFullOfHtml_areEscapedOnThePage_evenInTheTimeline() {
    String script = "<script>alert('x')</script>";
    VerifyReport report =
        new VerifyReport(
            List.of(
                new VerifyReport.HostSummary(
                    "lb1" + script,
                    "198.18.0.11",
                    List.of(
                        new VerifyReport.InstanceSummary(
                            "vi_www", "MASTER", 150, List.of("198.18.0.100"), "MASTER")),
                    Map.of("haproxy", "running"))),
            List.of(Check.fail("state", "lb1 reachable", "lb1 could not be read: " + script)),
            List.of(
                new DrillResult(
                    "vi_www",
                    DrillMode.GRACEFUL,
                    "lb1" + script,
                    "lb2",
                    "",
                    100,
                    -1,
                    -1,
                    -1,
                    0,
                    -1,
                    -1,
                    -1,
                    -1,
                    0,
                    1000,
                    "delayed",
                    true,
                    1100,
                    false,
                    script,
                    List.of())),
            List.of(DrillMode.GRACEFUL),
            List.of());

    String html = ReportPage.html(report, "a & b " + script, null);

    assertThat(html)
        .doesNotContain("<script")
        .contains("<title>a &amp; b &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; — lb:verify")
        .contains("<td>lb1&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>")
        .contains("lb1 could not be read: &lt;script&gt;")
        .contains(
            "M is lb1&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;, B is lb2. M away at 100 ms.")
        .contains("the master lb1&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; taken away");
  }

  @Test
  void aReportTemplateInTheTemplateDirectory_replacesTheBundledPage(@TempDir Path project)
      throws IOException {
    Path templates = Files.createDirectories(project.resolve("src/main/lb-templates"));
    Files.writeString(
        templates.resolve("report.html.mustache"),
        "<h1>{{title}}</h1>\n{{#checks}}<p>{{name}}: {{message}}</p>\n{{/checks}}");

    Path html =
        ReportWriter.write(sampleReport(), "Ours", project.resolve("target/verify"), templates);

    assertThat(Files.readString(html))
        .startsWith("<h1>Ours</h1>\n<p>lb1 haproxy running: pid 42</p>\n")
        .contains("<p>lb2 backend servers up: down on lb2: web/web2 DOWN, api/a1 &quot;MAINT&quot;")
        .doesNotContain("<style>");
  }

  @Test
  void aTemplateDirectoryWithoutAReportTemplate_keepsTheBundledPage(@TempDir Path templates)
      throws IOException {
    Files.writeString(templates.resolve("haproxy.cfg.mustache"), "global\n");

    Path html =
        ReportWriter.write(sampleReport(), "Sample cluster", templates.resolve("out"), templates);

    assertThat(Files.readString(html)).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void aReportTemplateAskingForAnUnknownValue_failsNamingTheTemplate(@TempDir Path templates)
      throws IOException {
    Path template = templates.resolve("report.html.mustache");
    Files.writeString(template, "<h1>{{titel}}</h1>\n");

    assertThatThrownBy(() -> ReportPage.html(sampleReport(), "Sample cluster", templates))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        problem -> {
                          assertThat(problem.location().file()).isEqualTo(template.toString());
                          assertThat(problem.message()).contains("titel", "report.html.mustache:1");
                        }));
  }
}
