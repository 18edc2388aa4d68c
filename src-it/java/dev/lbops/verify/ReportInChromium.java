package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * lb:verify's HTML report opened in this machine's Chromium by {@code check-report.mjs}
 * (playwright-core and axe-core from npm, installed into {@code target/report-check} on first use),
 * and the judgement of what it measured: screenshots that show the pictures, every label of a
 * timeline inside its picture and clear of the others at every page width and on A4, each picture
 * on one A4 page, and no serious or critical accessibility finding.
 */
final class ReportInChromium {

  private static final Path SOURCE = Path.of("src/test/resources/verify/report-check");
  private static final Path TOOL = Path.of("target/report-check").toAbsolutePath();

  record Box(double left, double top, double right, double bottom) {
    boolean inside(Box outer) {
      return left >= outer.left - 0.5
          && right <= outer.right + 0.5
          && top >= outer.top - 0.5
          && bottom <= outer.bottom + 0.5;
    }

    boolean overlaps(Box other) {
      return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
    }

    double height() {
      return bottom - top;
    }
  }

  record Text(String text, String kind, Box box) {}

  record Picture(String id, Box box, Box figure, List<Text> texts) {}

  record Layout(
      double viewportWidth, double scrollWidth, List<Picture> pictures, double pageHeight) {}

  record Violation(String id, String impact, String help, List<String> targets) {}

  record Result(Map<String, Layout> screen, Layout print, List<Violation> violations) {}

  private ReportInChromium() {}

  /** Opens the page, measures it, takes screenshots ({@code NAME-WIDTH.png}) and prints it. */
  static Result open(Path html, Path outputDirectory, String name) throws Exception {
    install();
    Files.createDirectories(outputDirectory);
    Process node =
        new ProcessBuilder(
                "node",
                TOOL.resolve("check-report.mjs").toString(),
                html.toAbsolutePath().toString(),
                outputDirectory.toAbsolutePath().toString(),
                name)
            .directory(TOOL.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outputDirectory.resolve(name + "-node.log").toFile())
            .start();
    assertThat(node.waitFor(180, TimeUnit.SECONDS)).as("check-report.mjs finished").isTrue();
    assertThat(node.exitValue())
        .as("check-report.mjs: " + Files.readString(outputDirectory.resolve(name + "-node.log")))
        .isZero();
    return new Gson()
        .fromJson(
            Files.readString(outputDirectory.resolve(name + ".json"), StandardCharsets.UTF_8),
            Result.class);
  }

  /** What every report must look like in Chromium, however its drills went. */
  static void assertReadable(Result result, Path outputDirectory, String name) throws IOException {
    assertThat(result.violations())
        .as("axe-core's serious and critical findings")
        .filteredOn(v -> "serious".equals(v.impact()) || "critical".equals(v.impact()))
        .isEmpty();
    List<Layout> layouts = new ArrayList<>(result.screen().values());
    layouts.add(result.print());
    for (Layout layout : layouts) {
      assertThat(layout.scrollWidth())
          .as("nothing wider than the page (%s px)", layout.viewportWidth())
          .isLessThanOrEqualTo(layout.viewportWidth() + 1);
      for (Picture picture : layout.pictures()) {
        assertThat(picture.box().right())
            .as("%s fits the page width", picture.id())
            .isLessThanOrEqualTo(layout.viewportWidth() + 1);
        for (Text text : picture.texts()) {
          assertThat(text.box().inside(picture.box()))
              .as("'%s' of %s inside the picture at %s px", text.text(), picture.id(), layout.viewportWidth())
              .isTrue();
        }
        List<Text> texts = picture.texts();
        for (int i = 0; i < texts.size(); i++) {
          for (int j = i + 1; j < texts.size(); j++) {
            assertThat(texts.get(i).box().overlaps(texts.get(j).box()))
                .as(
                    "'%s' and '%s' of %s overlap at %s px",
                    texts.get(i).text(), texts.get(j).text(), picture.id(), layout.viewportWidth())
                .isFalse();
          }
        }
      }
    }
    for (Picture picture : result.print().pictures()) {
      assertThat(picture.figure().height())
          .as("%s with its legend fits one A4 page", picture.id())
          .isLessThanOrEqualTo(result.print().pageHeight());
    }
    byte[] pdf = Files.readAllBytes(outputDirectory.resolve(name + ".pdf"));
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    for (String width : result.screen().keySet()) {
      BufferedImage image = ImageIO.read(outputDirectory.resolve(name + "-" + width + ".png").toFile());
      assertThat(image.getWidth()).as("screenshot at %s px", width).isEqualTo(Integer.parseInt(width));
      long colored = 0;
      for (int x = 0; x < image.getWidth(); x += 2) {
        for (int y = 0; y < image.getHeight(); y += 2) {
          int rgb = image.getRGB(x, y) & 0xffffff;
          int r = rgb >> 16;
          int g = rgb >> 8 & 0xff;
          int b = rgb & 0xff;
          colored += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
        }
      }
      assertThat(colored).as("screenshot at %s px shows the coloured marks", width).isGreaterThan(50);
    }
  }

  /** The event labels of one picture, as laid out at that width. */
  static List<Text> eventLabels(Layout layout, String pictureId) {
    return layout.pictures().stream()
        .filter(picture -> picture.id().equals(pictureId))
        .findFirst()
        .orElseThrow()
        .texts()
        .stream()
        .filter(text -> text.kind().equals("event"))
        .toList();
  }

  /** playwright-core and axe-core, from npm, once per build. */
  private static synchronized void install() throws Exception {
    Files.createDirectories(TOOL);
    for (String file : List.of("package.json", "check-report.mjs")) {
      Files.copy(SOURCE.resolve(file), TOOL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.exists(TOOL.resolve("node_modules/axe-core/axe.min.js"))
        && Files.exists(TOOL.resolve("node_modules/playwright-core/package.json"))) {
      return;
    }
    Path log = TOOL.resolve("npm-install.log");
    Process npm =
        new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-progress")
            .directory(TOOL.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
    assertThat(npm.exitValue()).as("npm install: " + Files.readString(log)).isZero();
  }
}
