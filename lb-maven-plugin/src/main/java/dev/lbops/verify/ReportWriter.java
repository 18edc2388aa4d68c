package dev.lbops.verify;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a verify report three ways: JUnit XML for CI servers, JSON with every figure, and one
 * self-contained HTML page with a timeline picture per drill.
 */
public final class ReportWriter {

  public static final String JUNIT_XML = "TEST-lb-verify.xml";
  public static final String JSON = "report.json";
  public static final String HTML = "report.html";

  private ReportWriter() {}

  /** Writes the three files into {@code directory}; returns the HTML page. */
  public static Path write(VerifyReport report, String title, Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(JUNIT_XML), junitXml(report));
      Files.writeString(
          directory.resolve(JSON), new GsonBuilder().setPrettyPrinting().create().toJson(report));
      Path html = directory.resolve(HTML);
      Files.writeString(html, html(report, title));
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the verify report in " + directory, e);
    }
  }

  static String junitXml(VerifyReport report) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "lb-verify");
      xml.writeAttribute("tests", String.valueOf(report.checks().size()));
      xml.writeAttribute("failures", String.valueOf(report.failures().size()));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute(
          "time", seconds(report.checks().stream().mapToDouble(Check::seconds).sum()));
      for (Check check : report.checks()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "lb." + check.group());
        xml.writeAttribute("name", check.name());
        xml.writeAttribute("time", seconds(check.seconds()));
        if (check.passed()) {
          xml.writeStartElement("system-out");
          xml.writeCharacters(check.message());
          xml.writeEndElement();
        } else {
          xml.writeStartElement("failure");
          xml.writeAttribute("message", check.message());
          xml.writeCharacters(check.message());
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out + "\n";
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  // ------------------------------------------------------------------ HTML

  static String html(VerifyReport report, String title) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escapeHtml4(title))
        .append(" — lb:verify</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}"
                + "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
                + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + "th{background:#f3f3f3}.ok{color:#1a7f37;font-weight:bold}"
                + ".fail{color:#c62828;font-weight:bold}.verdict{font-size:1.4em}"
                + "figure{margin:0 0 2em}figcaption{font-size:0.9em;color:#555}\n")
        .append("</style></head><body>\n<h1>")
        .append(escapeHtml4(title))
        .append("</h1>\n<p class=\"verdict ")
        .append(report.passed() ? "ok\">PASSED" : "fail\">FAILED")
        .append("</p><p>")
        .append(report.checks().size())
        .append(" checks, ")
        .append(report.failures().size())
        .append(" failed; ")
        .append(report.drills().size())
        .append(" drills.</p>\n");
    html.append("<h2>Cluster</h2>\n<table><tr><th>host</th><th>address</th>")
        .append("<th>VRRP instance</th><th>configured</th><th>priority</th><th>VIPs</th>")
        .append("<th>role now</th><th>services</th></tr>\n");
    for (VerifyReport.HostSummary host : report.hosts()) {
      for (VerifyReport.InstanceSummary instance : host.instances()) {
        html.append("<tr><td>")
            .append(escapeHtml4(host.name()))
            .append("</td><td>")
            .append(escapeHtml4(host.address()))
            .append("</td><td>")
            .append(escapeHtml4(instance.name()))
            .append("</td><td>")
            .append(instance.configuredState())
            .append("</td><td>")
            .append(instance.priority())
            .append("</td><td>")
            .append(escapeHtml4(String.join(", ", instance.vips())))
            .append("</td><td>")
            .append(escapeHtml4(instance.role()))
            .append("</td><td>")
            .append(
                escapeHtml4(
                    host.services().entrySet().stream()
                        .map(service -> service.getKey() + " " + service.getValue())
                        .collect(Collectors.joining(", "))))
            .append("</td></tr>\n");
      }
    }
    html.append("</table>\n<h2>Checks</h2>\n<table><tr><th></th><th>group</th><th>check</th>")
        .append("<th>result</th></tr>\n");
    for (Check check : report.checks()) {
      html.append("<tr><td class=\"")
          .append(check.passed() ? "ok\">ok" : "fail\">FAIL")
          .append("</td><td>")
          .append(escapeHtml4(check.group()))
          .append("</td><td>")
          .append(escapeHtml4(check.name()))
          .append("</td><td>")
          .append(escapeHtml4(check.message()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    if (!report.drills().isEmpty()) {
      html.append("<h2>Failover drills</h2>\n<table><tr><th>instance</th><th>mode</th>")
          .append("<th>master → backup</th><th>VIP moved</th><th>requests failed for</th>")
          .append("<th>failed requests</th><th>limit</th><th>fail-back VIP</th>")
          .append("<th>fail-back failed requests</th><th></th></tr>\n");
      for (DrillResult drill : report.drills()) {
        html.append("<tr><td>")
            .append(escapeHtml4(drill.instance()))
            .append("</td><td>")
            .append(drill.mode().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append("</td><td>")
            .append(escapeHtml4(drill.master() + " → " + drill.backup()))
            .append("</td><td>")
            .append(millis(drill.vipOnBackupAt(), drill.masterStoppedAt()))
            .append("</td><td>")
            .append(drill.failoverGapMillis() < 0 ? "—" : drill.failoverGapMillis() + " ms")
            .append("</td><td>")
            .append(drill.failedDuringFailover())
            .append("</td><td>")
            .append(drill.limitMillis())
            .append(" ms</td><td>")
            .append(millis(drill.vipBackAt(), drill.masterBackAt()))
            .append("</td><td>")
            .append(drill.failedDuringFailback())
            .append("</td><td class=\"")
            .append(drill.passed() ? "ok\">ok" : "fail\">FAIL")
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
      for (DrillResult drill : report.drills()) {
        html.append("<figure>\n")
            .append(timeline(drill))
            .append("<figcaption>")
            .append(escapeHtml4(drill.instance()))
            .append(", ")
            .append(drill.mode().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append(": ")
            .append(escapeHtml4(drill.message()))
            .append("</figcaption></figure>\n");
      }
    }
    html.append("</body></html>\n");
    return html.toString();
  }

  private static String millis(long at, long from) {
    return at < 0 || from < 0 ? "never" : (at - from) + " ms";
  }

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 260;
  private static final int LEFT = 55;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 35;

  /**
   * The drill as a picture: one mark per probe request (green: answered, at its latency; red:
   * failed, along the top), and a line at each moment the master was taken away or came back and
   * the VIP moved.
   */
  static String timeline(DrillResult drill) {
    List<ProbeSample> samples = drill.samples();
    long end =
        Math.max(
            samples.isEmpty() ? 0 : samples.get(samples.size() - 1).atMillis() + 200,
            Math.max(drill.vipBackAt(), drill.vipOnBackupAt()) + 500);
    long maxLatency =
        Math.max(10, samples.stream().mapToLong(ProbeSample::millis).max().orElse(10));
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"probe timeline\" "
                    + "font-family=\"sans-serif\" font-size=\"11\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>\n",
            LEFT,
            TOP,
            plotWidth,
            plotHeight));
    long tick = end > 20_000 ? 5000 : 1000;
    for (long t = 0; t <= end; t += tick) {
      double x = LEFT + plotWidth * t / end;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#eee\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d s</text>\n",
              x,
              TOP,
              x,
              TOP + plotHeight,
              x,
              HEIGHT - BOTTOM + 15,
              t / 1000));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"5\" y=\"%d\">%d ms</text><text x=\"5\" y=\"%.0f\">0 ms</text>"
                + "<text x=\"%d\" y=\"%d\">latency of each probe request (green: answered, red: failed)</text>\n",
            TOP + 10,
            maxLatency,
            TOP + plotHeight,
            LEFT,
            HEIGHT - 5));
    for (ProbeSample sample : samples) {
      double x = LEFT + plotWidth * sample.atMillis() / end;
      if (sample.ok()) {
        double y = TOP + plotHeight - plotHeight * sample.millis() / maxLatency;
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#1a7f37\"/>\n",
                x,
                Math.max(TOP + 2, y)));
      } else {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"12\" fill=\"#c62828\"/>\n",
                x - 1,
                TOP + 2));
      }
    }
    event(svg, drill.masterStoppedAt(), end, "#c62828", "master " + drill.master() + " away", 0);
    event(svg, drill.vipOnBackupAt(), end, "#1565c0", "VIP on " + drill.backup(), 1);
    event(svg, drill.masterBackAt(), end, "#6a1b9a", drill.master() + " back", 0);
    event(svg, drill.vipBackAt(), end, "#1565c0", "VIP on " + drill.master(), 1);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void event(
      StringBuilder svg, long at, long end, String color, String label, int row) {
    if (at < 0) {
      return;
    }
    double x = LEFT + (double) (WIDTH - LEFT - RIGHT) * at / end;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>"
                + "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>\n",
            x,
            TOP,
            x,
            HEIGHT - BOTTOM,
            color,
            x + 3,
            12 + row * 12,
            color,
            escapeHtml4(label)));
  }
}
