package dev.lbops.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A config file read as the directives it holds, each with the section (or nested blocks) it is
 * in, written so that two files saying the same compare equal: whitespace collapsed, comments and
 * secrets dropped, and what the grammar lets be written in any order (the options of a bind, a
 * server or a socket; a VIP's dev and label) sorted. A section or block header is a directive too.
 */
final class Directives {

  /** One directive: where it is, and what it says, normalised. */
  record Directive(String section, String text) {
    @Override
    public String toString() {
      return section.isEmpty() ? text : section + " > " + text;
    }
  }

  private static final Set<String> HAPROXY_SECTIONS =
      Set.of(
          "global", "defaults", "frontend", "backend", "listen", "userlist", "cache",
          "http-errors", "peers", "resolvers", "mailers", "ring", "program");

  /** Keywords whose first words stay in place and the rest may come in any order. */
  private static final List<List<String>> HAPROXY_FIXED =
      List.of(List.of("bind", "1"), List.of("server", "2"), List.of("default-server", "0"));

  private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private Directives() {}

  /** HAProxy's directives, in file order. */
  static List<Directive> haproxy(String config) {
    List<Directive> directives = new ArrayList<>();
    String section = "";
    for (String raw : config.split("\n")) {
      String line = stripComment(raw, "#").strip();
      if (line.isEmpty()) {
        continue;
      }
      List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
      if (HAPROXY_SECTIONS.contains(words.get(0))) {
        section = String.join(" ", words);
        directives.add(new Directive("", section));
        continue;
      }
      directives.add(new Directive(section, haproxyText(words)));
    }
    return directives;
  }

  private static String haproxyText(List<String> words) {
    if (words.get(0).equals("stats") && words.size() > 2 && words.get(1).equals("auth")) {
      return "stats auth ******";
    }
    if (words.get(0).equals("user") && words.contains("password")) {
      return "user " + words.get(1) + " password ******";
    }
    if (words.get(0).equals("bind") && words.size() > 1 && words.get(1).startsWith(":")) {
      words.set(1, "*" + words.get(1));
    }
    if (words.get(0).equals("stats") && words.size() > 2 && words.get(1).equals("socket")) {
      return "stats socket " + words.get(2) + " " + pairs(words.subList(3, words.size()));
    }
    for (List<String> fixed : HAPROXY_FIXED) {
      int keep = 1 + Integer.parseInt(fixed.get(1));
      if (words.get(0).equals(fixed.get(0)) && words.size() > keep) {
        return String.join(" ", words.subList(0, keep))
            + " "
            + sorted(words.subList(keep, words.size()));
      }
    }
    return String.join(" ", words);
  }

  /** Keepalived's directives, in file order; a block's contents are inside its header. */
  static List<Directive> keepalived(String config) {
    List<Directive> directives = new ArrayList<>();
    List<String> path = new ArrayList<>();
    for (String raw : config.split("\n")) {
      String line = stripComment(stripComment(raw, "#"), "!").strip();
      while (!line.isEmpty()) {
        if (line.startsWith("}")) {
          path.remove(path.size() - 1);
          line = line.substring(1).strip();
          continue;
        }
        int open = line.indexOf('{');
        int close = line.indexOf('}');
        String statement = line;
        String rest = "";
        if (open >= 0 && (close < 0 || open < close)) {
          statement = line.substring(0, open).strip();
          String header = keepalivedText(path, statement);
          directives.add(new Directive(String.join(" > ", path), header));
          path.add(header);
          line = line.substring(open + 1).strip();
          continue;
        }
        if (close >= 0) {
          statement = line.substring(0, close).strip();
          rest = line.substring(close);
        }
        if (!statement.isEmpty()) {
          directives.add(
              new Directive(String.join(" > ", path), keepalivedText(path, statement)));
        }
        line = rest;
      }
    }
    return directives;
  }

  private static String keepalivedText(List<String> path, String statement) {
    List<String> words = new ArrayList<>(Arrays.asList(statement.replace("\"", "").split("\\s+")));
    if (words.get(0).equals("auth_pass")) {
      return "auth_pass ******";
    }
    boolean inVips = !path.isEmpty() && path.get(path.size() - 1).startsWith("virtual_ipaddress");
    if (inVips) {
      String address = words.get(0);
      if (!address.contains("/") && IPV4.matcher(address).matches()) {
        address += "/32";
      }
      return address + " " + pairs(words.subList(1, words.size()));
    }
    return String.join(" ", words);
  }

  /** {@code key value} pairs in any order, sorted by key. */
  private static String pairs(List<String> words) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < words.size(); i += 2) {
      pairs.add(words.get(i) + (i + 1 < words.size() ? " " + words.get(i + 1) : ""));
    }
    pairs.sort(null);
    return String.join(" ", pairs).strip();
  }

  private static String sorted(List<String> words) {
    List<String> copy = new ArrayList<>(words);
    copy.sort(null);
    return String.join(" ", copy);
  }

  /** The line without its comment: from {@code sign} at its start or after whitespace. */
  private static String stripComment(String line, String sign) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted
          && line.startsWith(sign, i)
          && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
