package dev.lbops.verify;

import dev.lbops.core.Templates;
import java.util.List;
import java.util.Locale;

/**
 * A drill as a picture (SVG): one mark per probe request (green: answered, at its latency; red:
 * failed, along the top), and a line at each moment the master was taken away or came back and the
 * VIP moved. Drawn in code: every value in it is a number but the hosts' names, which are escaped.
 */
final class Timeline {

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 260;
  private static final int LEFT = 55;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 35;

  private Timeline() {}

  /** The drill's picture: an {@code <svg>} element, ending with a newline. */
  static String of(DrillResult drill) {
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
            Templates.htmlEscape(label)));
  }
}
