package dev.lbops.validate;

import dev.lbops.model.Backend;
import dev.lbops.model.Directive;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Frontend;
import dev.lbops.model.Stats;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a proxy answers requests itself, so that having no servers or no backend is its point: a
 * stats page, a status URI ({@code monitor-uri}, {@code http-request return}), a redirect, the
 * Prometheus exporter, a deny, or servers made from a template.
 */
final class SelfAnswering {

  private static final Set<String> ANSWERING_ACTIONS =
      Set.of(
          "redirect", "return", "use-service", "deny", "tarpit", "reject", "silent-drop", "auth");

  private static final Pattern ANSWERING_LINE =
      Pattern.compile(
          "^(stats\\s|monitor-uri\\s|redirect\\s|server-template\\s|dispatch\\s"
              + "|http-request\\s+(redirect|return|use-service|deny|tarpit|silent-drop)\\b"
              + "|tcp-request\\s+\\S+\\s+reject\\b)");

  private SelfAnswering() {}

  static boolean frontend(Frontend frontend, Stats stats) {
    return attached(frontend.name(), stats)
        || answers(
            Stream.concat(frontend.settings().stream(), frontend.rules().stream()).toList(),
            frontend.lines());
  }

  static boolean backend(Backend proxy, Stats stats) {
    return attached(proxy.name(), stats)
        || answers(
            Stream.concat(proxy.settings().stream(), proxy.rules().stream()).toList(),
            Stream.of(proxy.lines(), proxy.httpLines(), proxy.tcpLines())
                .flatMap(List::stream)
                .toList());
  }

  private static boolean attached(String name, Stats stats) {
    return stats != null && stats.attachTo().equals(name);
  }

  private static boolean answers(List<Directive> directives, List<FreeLine> lines) {
    return directives.stream().anyMatch(SelfAnswering::answers)
        || lines.stream().anyMatch(line -> ANSWERING_LINE.matcher(line.text().strip()).find());
  }

  private static boolean answers(Directive d) {
    return switch (d.keyword()) {
      case "monitor-uri", "redirect" -> true;
      case "http-request" -> ANSWERING_ACTIONS.contains(d.firstWord());
      default -> false;
    };
  }
}
