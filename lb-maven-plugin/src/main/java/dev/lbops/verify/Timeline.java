package dev.lbops.verify;

import dev.lbops.core.Templates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A drill as a picture (SVG) that scales with the page: one mark per probe request (green:
 * answered, at its latency; red: failed, along the top) and a dashed line at each moment the master
 * went away or came back and the VIPs moved, and a red line where the drill failed. The lines'
 * labels are short (M for the master, B for the backup; the page's legend says who they are) and
 * set in lanes above the plot, so that none overlaps another or leaves the picture. Drawn in code:
 * every value in it is a number but the labels, which are escaped.
 */
final class Timeline {

  static final int WIDTH = 1000;
  private static final int LEFT = 72;
  private static final int RIGHT = 28;
  private static final int PLOT_HEIGHT = 170;
  private static final int LANE_HEIGHT = 16;
  private static final int FONT_SIZE = 12;
  private static final int TICK_AREA = 24;

  /** An upper bound of a character's width in the picture's font, in font sizes. */
  private static final double CHAR_WIDTH = 0.68;

  private static final int LABEL_GAP = 8;

  static final String MASTER_AWAY = "#b71c1c";
  static final String VIP_MOVED = "#0d47a1";
  static final String MASTER_BACK = "#6a1b9a";
  static final String FAILED = "#c62828";
  static final String ANSWERED = "#1a7f37";

  private Timeline() {}

  /** A moment of the drill with its line's short label and what it means, for the legend. */
  record Event(long at, String label, String meaning, String color, boolean failure) {}

  /** The drill's moments, in time order; those that did not happen are left out. */
  static List<Event> events(DrillResult drill) {
    List<Event> events = new ArrayList<>();
    add(
        events,
        drill.masterStoppedAt(),
        "M away",
        "the master " + drill.master() + " taken away (" + modeAction(drill) + ")",
        MASTER_AWAY,
        false);
    add(
        events,
        drill.vipOnBackupAt(),
        "VIP on B",
        "the backup " + drill.backup() + " holds the VIPs",
        VIP_MOVED,
        false);
    add(
        events,
        drill.masterBackAt(),
        "M back",
        drill.mode() == DrillMode.GRACEFUL
            ? "the master's Keepalived started again"
            : "the master back: its frozen Keepalived replaced by a new one, HAProxy thawed",
        MASTER_BACK,
        false);
    add(
        events,
        drill.vipBackAt(),
        "VIP on M",
        "the master " + drill.master() + " holds the VIPs again",
        VIP_MOVED,
        false);
    add(events, drill.failedAt(), "FAILED", "where the drill failed", FAILED, true);
    events.sort(Comparator.comparingLong(Event::at));
    return events;
  }

  private static void add(
      List<Event> events, long at, String label, String meaning, String color, boolean failure) {
    if (at >= 0) {
      events.add(new Event(at, label, meaning, color, failure));
    }
  }

  private static String modeAction(DrillResult drill) {
    return drill.mode() == DrillMode.GRACEFUL
        ? "Keepalived stopped"
        : "Keepalived and HAProxy frozen";
  }

  /** The drill's picture: an {@code <svg>} element, ending with a newline. */
  static String of(DrillResult drill, String id) {
    List<ProbeSample> samples = drill.samples();
    List<Event> events = events(drill);
    long lastSample = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).atMillis();
    long lastEvent = events.stream().mapToLong(Event::at).max().orElse(0);
    long end = Math.max(1000, Math.max(lastSample, lastEvent));
    end += Math.max(100, end / 50);
    double plotWidth = WIDTH - LEFT - RIGHT;

    List<Placed> labels = placeLabels(events, end, plotWidth);
    int lanes = labels.stream().mapToInt(Placed::lane).max().orElse(-1) + 1;
    int top = 8 + lanes * LANE_HEIGHT + 6;
    int height = top + PLOT_HEIGHT + TICK_AREA;
    long maxLatency =
        Math.max(
            10,
            samples.stream()
                .filter(ProbeSample::ok)
                .mapToLong(ProbeSample::millis)
                .max()
                .orElse(10));

    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 %d %d\""
                + " width=\"100%%\" role=\"img\" aria-labelledby=\"%s-title %s-desc\""
                + " font-family=\"DejaVu Sans, sans-serif\" font-size=\"%d\">\n",
            WIDTH,
            height,
            id,
            id,
            FONT_SIZE));
    svg.append("<title id=\"")
        .append(id)
        .append("-title\">")
        .append(Templates.htmlEscape(drill.instance() + ", " + label(drill) + " drill"))
        .append("</title>\n<desc id=\"")
        .append(id)
        .append("-desc\">")
        .append(Templates.htmlEscape(description(drill, events)))
        .append("</desc>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n"
                + "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
            WIDTH,
            height,
            LEFT,
            top,
            plotWidth,
            PLOT_HEIGHT));
    long tick = tickMillis(end, plotWidth);
    for (long t = 0; t <= end; t += tick) {
      double x = x(t, end, plotWidth);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e6e6e6\"/>"
                  + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s</text>\n",
              x,
              top,
              x,
              top + PLOT_HEIGHT,
              x,
              top + PLOT_HEIGHT + 16,
              seconds(t, tick)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#333\">%d ms</text>"
                + "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#333\">0 ms</text>\n",
            LEFT - 6,
            top + FONT_SIZE,
            maxLatency,
            LEFT - 6,
            top + PLOT_HEIGHT));
    for (ProbeSample sample : samples) {
      double x = x(sample.atMillis(), end, plotWidth);
      if (sample.ok()) {
        double y = top + PLOT_HEIGHT - (PLOT_HEIGHT - 4) * (double) sample.millis() / maxLatency;
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n",
                x,
                Math.min(top + PLOT_HEIGHT - 2, Math.max(top + 3, y)),
                ANSWERED));
      } else {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"14\" fill=\"%s\"/>\n",
                x - 1.5,
                top + 2,
                FAILED));
      }
    }
    for (Placed placed : labels) {
      Event event = placed.event();
      double x = x(event.at(), end, plotWidth);
      double labelY = 8 + placed.lane() * LANE_HEIGHT + FONT_SIZE;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"%s/>"
                  + "<text class=\"event\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>\n",
              x,
              labelY + 3,
              x,
              top + PLOT_HEIGHT,
              event.color(),
              event.failure() ? "2.5" : "1.2",
              event.failure() ? "" : " stroke-dasharray=\"5 3\"",
              placed.anchorEnd() ? x - 3 : x + 3,
              labelY,
              placed.anchorEnd() ? "end" : "start",
              event.color(),
              event.failure() ? " font-weight=\"bold\"" : "",
              Templates.htmlEscape(event.label())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String label(DrillResult drill) {
    return drill.mode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** What the picture shows, in words, for readers that cannot see it. */
  private static String description(DrillResult drill, List<Event> events) {
    long failed = drill.samples().stream().filter(sample -> !sample.ok()).count();
    StringBuilder text =
        new StringBuilder(
            drill.samples().size()
                + " probe requests, "
                + failed
                + " failed. M is "
                + drill.master()
                + ", B is "
                + drill.backup()
                + ".");
    for (Event event : events) {
      text.append(' ').append(event.label()).append(" at ").append(event.at()).append(" ms.");
    }
    return text.toString();
  }

  /** A label placed in a lane, at the right of its line, or at its left near the right edge. */
  record Placed(Event event, int lane, boolean anchorEnd, double from, double to) {}

  /**
   * Each label in the first lane where it clears the labels already there by {@link #LABEL_GAP}; a
   * label that would leave the picture on the right is set at the left of its line instead.
   */
  static List<Placed> placeLabels(List<Event> events, long end, double plotWidth) {
    List<Placed> placed = new ArrayList<>();
    for (Event event : events) {
      double x = x(event.at(), end, plotWidth);
      double width = textWidth(event.label());
      boolean anchorEnd = x + 3 + width > WIDTH - 2;
      double from = anchorEnd ? x - 3 - width : x + 3;
      double to = from + width;
      int lane = 0;
      while (true) {
        int candidate = lane;
        boolean clear =
            placed.stream()
                .filter(other -> other.lane() == candidate)
                .allMatch(
                    other -> to + LABEL_GAP <= other.from() || from >= other.to() + LABEL_GAP);
        if (clear) {
          break;
        }
        lane++;
      }
      placed.add(new Placed(event, lane, anchorEnd, from, to));
    }
    return placed;
  }

  static double textWidth(String text) {
    return text.length() * CHAR_WIDTH * FONT_SIZE;
  }

  private static double x(long at, long end, double plotWidth) {
    return LEFT + plotWidth * at / end;
  }

  /** A tick step of 1, 2 or 5 times a power of ten, with labels at least 60 units apart. */
  static long tickMillis(long end, double plotWidth) {
    long[] steps = {100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 300_000};
    for (long step : steps) {
      if (plotWidth * step / end >= 60) {
        return step;
      }
    }
    return 600_000;
  }

  private static String seconds(long t, long tick) {
    return tick < 1000
        ? String.format(Locale.ROOT, "%.1f s", t / 1000.0)
        : String.format(Locale.ROOT, "%d s", t / 1000);
  }
}
