package dev.lbops.verify;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

  /** Writes the three files into {@code directory} with the bundled page; returns the page. */
  public static Path write(VerifyReport report, String title, Path directory) {
    return write(report, title, directory, null);
  }

  /**
   * Writes the three files into {@code directory}; returns the HTML page.
   *
   * @param templateDirectory a directory whose {@code report.html.mustache} replaces the bundled
   *     page, or {@code null}
   */
  public static Path write(
      VerifyReport report, String title, Path directory, Path templateDirectory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(JUNIT_XML), junitXml(report));
      Files.writeString(
          directory.resolve(JSON), new GsonBuilder().setPrettyPrinting().create().toJson(report));
      Path html = directory.resolve(HTML);
      Files.writeString(html, ReportPage.html(report, title, templateDirectory));
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
}
