package dev.lbops.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One finding about the user's input: what is wrong, where (file:line, host, key path) and how to
 * fix it.
 *
 * @param host the inventory host the problem was found for, or empty when it concerns no one host
 * @param key the CMDB key path, such as {@code vrrp_instances[0].priority}, or empty
 */
public record Problem(
    Severity severity, Location location, String host, String key, String message, String hint) {

  public Problem {
    host = host == null ? "" : host;
    key = key == null ? "" : key;
    hint = hint == null ? "" : hint;
  }

  public static Problem error(
      Location location, String host, String key, String message, String hint) {
    return new Problem(Severity.ERROR, location, host, key, message, hint);
  }

  public static Problem warning(
      Location location, String host, String key, String message, String hint) {
    return new Problem(Severity.WARNING, location, host, key, message, hint);
  }

  /**
   * The same problem found for several hosts (a shared CMDB file), reported once naming them all.
   */
  public static List<Problem> mergeHosts(List<Problem> problems) {
    Map<Problem, List<String>> hosts = new LinkedHashMap<>();
    for (Problem problem : problems) {
      hosts.computeIfAbsent(problem.withHost(""), p -> new ArrayList<>()).add(problem.host());
    }
    List<Problem> merged = new ArrayList<>();
    hosts.forEach(
        (problem, names) ->
            merged.add(problem.withHost(String.join(", ", new LinkedHashSet<>(names)))));
    return merged;
  }

  private Problem withHost(String newHost) {
    return new Problem(severity, location, newHost, key, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * One line: {@code file:line:col: [host] key: message (fix: hint)}; every control or invisible
   * character of the values quoted in it escaped ({@link Shown}), so that it stays one line.
   */
  public String format() {
    StringBuilder line = new StringBuilder(location.toString()).append(": ");
    if (!host.isEmpty()) {
      line.append('[').append(host).append("] ");
    }
    if (!key.isEmpty()) {
      line.append(key).append(": ");
    }
    line.append(message);
    if (!hint.isEmpty()) {
      line.append(" (fix: ").append(hint).append(')');
    }
    return Shown.escaped(line.toString());
  }
}
