package dev.lbops.validate;

import dev.lbops.binding.Suggestions;
import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Cache;
import dev.lbops.model.Directive;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HttpErrors;
import dev.lbops.model.Listen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Rules for the lines HAProxy's dedicated keys write ({@code option}, {@code timeout}, {@code
 * http-request}...): the keyword each value starts with is one HAProxy 2.6 knows there, and the
 * cache and http-errors sections they name exist. The rest of each line is HAProxy's to judge
 * ({@code haproxy -c}).
 */
final class DirectiveRules {

  /** The options HAProxy 2.6 knows, with the sections (D, F, L, B) that take each. */
  private static final Map<String, String> OPTIONS =
      Map.ofEntries(
          Map.entry("abortonclose", "DLB"),
          Map.entry("accept-invalid-http-request", "DFL"),
          Map.entry("accept-invalid-http-response", "DLB"),
          Map.entry("allbackups", "DLB"),
          Map.entry("checkcache", "DLB"),
          Map.entry("clitcpka", "DFL"),
          Map.entry("contstats", "DFL"),
          Map.entry("disable-h2-upgrade", "DFL"),
          Map.entry("dontlog-normal", "DFL"),
          Map.entry("dontlognull", "DFL"),
          Map.entry("forwardfor", "DFLB"),
          Map.entry("h1-case-adjust-bogus-client", "DFL"),
          Map.entry("h1-case-adjust-bogus-server", "DLB"),
          Map.entry("http-buffer-request", "DFLB"),
          Map.entry("http-ignore-probes", "DFL"),
          Map.entry("http-keep-alive", "DFLB"),
          Map.entry("http-no-delay", "DFLB"),
          Map.entry("http-pretend-keepalive", "DLB"),
          Map.entry("http-restrict-req-hdr-names", "DFLB"),
          Map.entry("http-server-close", "DFLB"),
          Map.entry("http-use-proxy-header", "DFL"),
          Map.entry("httpchk", "DLB"),
          Map.entry("httpclose", "DFLB"),
          Map.entry("httplog", "DFL"),
          Map.entry("httpslog", "DFL"),
          Map.entry("idle-close-on-response", "DFL"),
          Map.entry("independent-streams", "DFLB"),
          Map.entry("ldap-check", "DLB"),
          Map.entry("external-check", "DLB"),
          Map.entry("log-health-checks", "DLB"),
          Map.entry("log-separate-errors", "DFL"),
          Map.entry("logasap", "DFL"),
          Map.entry("mysql-check", "DLB"),
          Map.entry("nolinger", "DFLB"),
          Map.entry("originalto", "DFLB"),
          Map.entry("persist", "DLB"),
          Map.entry("pgsql-check", "DLB"),
          Map.entry("prefer-last-server", "DLB"),
          Map.entry("redispatch", "DLB"),
          Map.entry("redis-check", "DLB"),
          Map.entry("smtpchk", "DLB"),
          Map.entry("socket-stats", "DFL"),
          Map.entry("splice-auto", "DFLB"),
          Map.entry("splice-request", "DFLB"),
          Map.entry("splice-response", "DFLB"),
          Map.entry("spop-check", "DLB"),
          Map.entry("srvtcpka", "DLB"),
          Map.entry("ssl-hello-chk", "DLB"),
          Map.entry("tcp-check", "DLB"),
          Map.entry("tcp-smart-accept", "DFL"),
          Map.entry("tcp-smart-connect", "DLB"),
          Map.entry("tcpka", "DFLB"),
          Map.entry("tcplog", "DFLB"),
          Map.entry("transparent", "DLB"));

  /** The timeouts HAProxy 2.6 knows, with the sections that take each. */
  private static final Map<String, String> TIMEOUTS =
      Map.ofEntries(
          Map.entry("check", "DLB"),
          Map.entry("client", "DFL"),
          Map.entry("client-fin", "DFL"),
          Map.entry("connect", "DLB"),
          Map.entry("http-keep-alive", "DFLB"),
          Map.entry("http-request", "DFLB"),
          Map.entry("queue", "DLB"),
          Map.entry("server", "DLB"),
          Map.entry("server-fin", "DLB"),
          Map.entry("tarpit", "DFLB"),
          Map.entry("tunnel", "DLB"));

  private static final Set<String> HTTP_ACTIONS =
      Set.of(
          "add-acl",
          "add-header",
          "allow",
          "auth",
          "cache-use",
          "cache-store",
          "capture",
          "del-acl",
          "del-header",
          "del-map",
          "deny",
          "disable-l7-retry",
          "do-resolve",
          "early-hint",
          "normalize-uri",
          "redirect",
          "reject",
          "replace-header",
          "replace-path",
          "replace-pathq",
          "replace-uri",
          "replace-value",
          "return",
          "sc-inc-gpc",
          "sc-inc-gpc0",
          "sc-inc-gpc1",
          "sc-set-gpt",
          "sc-set-gpt0",
          "send-spoe-group",
          "set-dst",
          "set-dst-port",
          "set-header",
          "set-log-level",
          "set-map",
          "set-mark",
          "set-method",
          "set-nice",
          "set-path",
          "set-pathq",
          "set-priority-class",
          "set-priority-offset",
          "set-query",
          "set-src",
          "set-src-port",
          "set-status",
          "set-timeout",
          "set-tos",
          "set-uri",
          "set-var",
          "set-var-fmt",
          "silent-drop",
          "strict-mode",
          "tarpit",
          "track-sc0",
          "track-sc1",
          "track-sc2",
          "unset-var",
          "use-service",
          "wait-for-body",
          "wait-for-handshake");

  /** What the first word of each other rule keyword may be. */
  private static final Map<String, Set<String>> FIRST_WORDS =
      Map.of(
          "tcp-request", Set.of("connection", "content", "session", "inspect-delay"),
          "tcp-response", Set.of("content", "inspect-delay"),
          "http-check",
              Set.of(
                  "comment",
                  "connect",
                  "disable-on-404",
                  "expect",
                  "send",
                  "send-state",
                  "set-var",
                  "unset-var"),
          "tcp-check",
              Set.of(
                  "comment",
                  "connect",
                  "expect",
                  "send",
                  "send-lf",
                  "send-binary",
                  "send-binary-lf",
                  "set-var",
                  "unset-var"),
          "redirect", Set.of("location", "prefix", "scheme"),
          "compression", Set.of("algo", "type", "offload"),
          "capture", Set.of("request", "response", "cookie"));

  /** The status codes {@code errorfile} takes in HAProxy 2.6. */
  private static final Set<String> ERROR_CODES =
      Set.of(
          "200", "400", "401", "403", "404", "405", "407", "408", "410", "413", "425", "429", "500",
          "501", "502", "503", "504");

  private final String host;
  private final Set<String> caches;
  private final Set<String> httpErrors;
  private final List<Problem> problems = new ArrayList<>();

  private DirectiveRules(String host, HaproxyConfig haproxy) {
    this.host = host;
    this.caches = haproxy.caches().stream().map(Cache::name).collect(Collectors.toSet());
    this.httpErrors =
        haproxy.httpErrors().stream().map(HttpErrors::name).collect(Collectors.toSet());
  }

  /** Every problem of the lines of the host's dedicated HAProxy keys. */
  static List<Problem> check(String host, HaproxyConfig haproxy) {
    DirectiveRules rules = new DirectiveRules(host, haproxy);
    rules.section(haproxy.defaults().settings(), 'D');
    rules.section(haproxy.defaults().rules(), 'D');
    for (Frontend frontend : haproxy.frontends()) {
      rules.section(frontend.settings(), 'F');
      rules.section(frontend.rules(), 'F');
    }
    for (Backend backend : haproxy.backends()) {
      rules.section(backend.settings(), 'B');
      rules.section(backend.rules(), 'B');
    }
    for (Listen listen : haproxy.listens()) {
      rules.section(listen.proxy().settings(), 'L');
      rules.section(listen.proxy().rules(), 'L');
    }
    for (HttpErrors errors : haproxy.httpErrors()) {
      rules.section(errors.errorfiles(), 'D');
    }
    return rules.problems;
  }

  private void section(List<Directive> directives, char section) {
    directives.forEach(directive -> directive(directive, section));
  }

  private void directive(Directive d, char section) {
    String first = d.firstWord();
    switch (d.keyword()) {
      case "option" -> {
        String[] words = d.value().strip().split("\\s+");
        String name = words[0].equals("no") && words.length > 1 ? words[1] : words[0];
        known(d, name, OPTIONS, section, "option");
      }
      case "timeout" -> known(d, first, TIMEOUTS, section, "timeout");
      case "http-request", "http-response", "http-after-response" -> {
        String action = first.replaceAll("\\(.*$", "");
        if (!HTTP_ACTIONS.contains(action) && !action.startsWith("lua.")) {
          error(
              d,
              "'" + action + "' is not an " + d.keyword() + " action HAProxy 2.6 knows",
              Suggestions.didYouMean(action, new TreeSet<>(HTTP_ACTIONS)));
        } else if (action.equals("cache-use") || action.equals("cache-store")) {
          String[] words = d.value().strip().split("\\s+");
          String cache = words.length > 1 ? words[1] : "";
          if (!caches.contains(cache)) {
            error(
                d,
                "cache '" + cache + "' does not exist",
                caches.isEmpty()
                    ? "define it under 'caches:'"
                    : "use one of " + new TreeSet<>(caches));
          }
        }
      }
      case "errorfile" -> {
        if (!ERROR_CODES.contains(first)) {
          error(
              d,
              "HAProxy writes no error file for status " + first,
              "use one of " + new TreeSet<>(ERROR_CODES));
        }
      }
      case "errorfiles" -> {
        if (!httpErrors.contains(first)) {
          error(
              d,
              "http-errors section '" + first + "' does not exist",
              httpErrors.isEmpty()
                  ? "define it under 'http_errors:'"
                  : "use one of " + new TreeSet<>(httpErrors));
        }
      }
      default -> {
        Set<String> allowed = FIRST_WORDS.get(d.keyword());
        String word = first.replaceAll("\\(.*$", "");
        if (allowed != null && !allowed.contains(word)) {
          error(
              d,
              "'" + d.keyword() + " " + word + "' is not a form HAProxy 2.6 knows",
              "start the value with one of " + new TreeSet<>(allowed));
        }
      }
    }
  }

  private void known(
      Directive d, String name, Map<String, String> table, char section, String what) {
    String sections = table.get(name);
    if (sections == null) {
      error(
          d,
          "'" + name + "' is not an " + what + " HAProxy 2.6 knows",
          Suggestions.didYouMean(name, new TreeSet<>(table.keySet())));
    } else if (sections.indexOf(section) < 0) {
      error(
          d,
          "'" + what + " " + name + "' does not apply in a " + sectionName(section),
          "move it to a " + sectionNames(sections));
    }
  }

  private static String sectionName(char section) {
    return switch (section) {
      case 'D' -> "defaults section";
      case 'F' -> "frontend";
      case 'L' -> "listen section";
      default -> "backend";
    };
  }

  private static String sectionNames(String sections) {
    return sections
        .chars()
        .mapToObj(c -> sectionName((char) c))
        .collect(Collectors.joining(" or "));
  }

  private void error(Directive d, String message, String hint) {
    problems.add(Problem.error(d.location(), host, d.key(), message, hint));
  }
}
