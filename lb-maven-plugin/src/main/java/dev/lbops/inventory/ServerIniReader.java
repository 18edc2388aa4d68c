package dev.lbops.inventory;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import dev.lbops.core.Shown;
import dev.lbops.core.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Rex {@code server.ini}: {@code [group]} sections holding one host a line, each with
 * {@code key=value} attributes ({@code user}, {@code password}, {@code auth_type}, {@code
 * private_key}, {@code public_key}, {@code sudo}, or any other), and Rex's ranges such as {@code
 * web[01..03]}. Every host is checked by {@link HostChecks}, as a pom's are.
 */
public final class ServerIniReader {

  private static final Pattern GROUP = Pattern.compile("\\[\\s*([^\\]\\s]+)\\s*]");
  private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d+)\\.\\.(\\d+)](.*)$");
  private static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final int MAX_BOUND_DIGITS = 18;
  private static final Set<String> AUTH_TYPES = Set.of("pass", "key", "krb5");
  private static final Set<String> SUDO_YES = Set.of("true", "1", "yes");
  private static final Set<String> SUDO_NO = Set.of("false", "0", "no");
  private static final Map<String, String> ATTRIBUTE_OF_FIELD =
      Map.of("name", "", "serverId", "server_id", "privateKey", "private_key");

  /** The host of that name in any group of the file. */
  public Optional<Host> find(Path file, String name) {
    List<String> groups =
        lines(file).stream()
            .map(line -> GROUP.matcher(line.strip()))
            .filter(Matcher::matches)
            .map(header -> header.group(1))
            .toList();
    return groups.stream()
        .flatMap(group -> read(file, group).hosts().stream())
        .filter(host -> host.name().equals(name))
        .findFirst();
  }

  /**
   * @throws dev.lbops.core.ProblemsException naming the file (and line) when it cannot be read as
   *     UTF-8 text
   */
  public Inventory read(Path file, String group) {
    List<String> lines = lines(file);
    List<Host> hosts = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> groupsSeen = new LinkedHashSet<>();
    String currentGroup = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      Location location = Location.of(file, i + 1, 1);
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      Matcher header = GROUP.matcher(line);
      if (header.matches()) {
        currentGroup = header.group(1);
        groupsSeen.add(currentGroup);
        continue;
      }
      if (!group.equals(currentGroup)) {
        continue;
      }
      String[] words = line.split("\\s+");
      for (String name :
          expandRange(words[0], HostChecks.MAX_HOSTS - hosts.size(), location, problems)) {
        parseHost(name, words, currentGroup, location, problems).ifPresent(hosts::add);
      }
    }
    if (!groupsSeen.contains(group)) {
      problems.add(
          Problem.error(
              Location.of(file),
              "",
              "",
              "no group ["
                  + Shown.escaped(group)
                  + "] in the inventory (groups found: "
                  + groupsSeen
                  + ")",
              "add a [" + group + "] section or choose a group with -Dlb.group=NAME"));
    } else if (hosts.isEmpty() && problems.stream().noneMatch(Problem::isError)) {
      problems.add(
          Problem.error(
              Location.of(file),
              "",
              "",
              "group [" + group + "] lists no hosts",
              "list one host a line under [" + group + "]"));
    }
    return new Inventory(hosts, problems);
  }

  private static List<String> lines(Path file) {
    return TextFiles.read(file, file.toString(), "inventory", MAX_BYTES).lines().toList();
  }

  private static Optional<Host> parseHost(
      String name, String[] words, String group, Location location, List<Problem> problems) {
    Map<String, String> attributes = new LinkedHashMap<>();
    List<Problem> found = new ArrayList<>();
    String shownName = HostChecks.isHostName(name) ? name : "";
    for (int w = 1; w < words.length; w++) {
      int eq = words[w].indexOf('=');
      if (eq <= 0) {
        found.add(
            Problem.error(
                location,
                shownName,
                words[w],
                "an attribute must be written key=value",
                "write it as e.g. user=root"));
        continue;
      }
      attributes.put(words[w].substring(0, eq), words[w].substring(eq + 1));
    }
    String user = attributes.remove("user");
    String password = attributes.remove("password");
    String authType = attributes.remove("auth_type");
    String privateKey = attributes.remove("private_key");
    attributes.remove("public_key");
    String sudo = attributes.remove("sudo");
    String address = attributes.remove("address");
    String os = attributes.remove("os");
    String serverId = attributes.remove("server_id");
    if (password != null) {
      found.add(
          Problem.warning(
              location,
              shownName,
              "password",
              "a password is written in the inventory in clear text",
              "move it to a <server> in ~/.m2/settings.xml (encrypt it with mvn"
                  + " --encrypt-password) and write server_id=<id> instead"));
    }
    if (sudo != null
        && !SUDO_YES.contains(sudo.toLowerCase())
        && !SUDO_NO.contains(sudo.toLowerCase())) {
      found.add(
          Problem.error(
              location,
              shownName,
              "sudo",
              "sudo must be true or false, not " + Shown.quoted(sudo),
              "write sudo=true (the default: a user other than root works through sudo) or sudo=false"));
    }
    if (authType != null && !AUTH_TYPES.contains(authType)) {
      found.add(
          Problem.error(
              location,
              shownName,
              "auth_type",
              "unknown auth_type " + Shown.quoted(authType),
              "use one of " + AUTH_TYPES));
    }
    Host host =
        new Host(
            name,
            address,
            22,
            user,
            serverId,
            os,
            List.of(group),
            attributes,
            password == null ? null : Secret.of(password),
            privateKey,
            sudo != null && SUDO_NO.contains(sudo.toLowerCase()),
            location);
    found.addAll(
        HostChecks.problems(
            host,
            field ->
                field.startsWith("attributes.")
                    ? field.substring("attributes.".length())
                    : ATTRIBUTE_OF_FIELD.getOrDefault(field, field)));
    problems.addAll(found);
    return found.stream().anyMatch(Problem::isError) ? Optional.empty() : Optional.of(host);
  }

  /**
   * The names a word stands for: Rex's range {@code web[01..03]} (zero-padded when a bound is, then
   * both bounds the same width), else the word itself; none (reported) when the range is malformed
   * or names more than {@code room} hosts.
   */
  private static List<String> expandRange(
      String word, int room, Location location, List<Problem> problems) {
    Matcher range = RANGE.matcher(word);
    if (!range.matches()) {
      if (room < 1) {
        tooMany(word, location, problems);
        return List.of();
      }
      return List.of(word);
    }
    String first = range.group(2);
    String last = range.group(3);
    if (first.length() > MAX_BOUND_DIGITS || last.length() > MAX_BOUND_DIGITS) {
      problems.add(
          Problem.error(
              location,
              "",
              "",
              "range "
                  + Shown.quoted(word)
                  + " has a bound of more than "
                  + MAX_BOUND_DIGITS
                  + " digits",
              "an inventory lists at most "
                  + HostChecks.MAX_HOSTS
                  + " hosts: write a smaller range"));
      return List.of();
    }
    boolean padded =
        first.length() > 1 && first.startsWith("0") || last.length() > 1 && last.startsWith("0");
    if (padded && first.length() != last.length()) {
      problems.add(
          Problem.error(
              location,
              "",
              "",
              "range "
                  + Shown.quoted(word)
                  + " mixes widths: a zero-padded range needs both bounds of the same width",
              "write both bounds with as many digits (web[001..120]) or neither padded (web[1..120])"));
      return List.of();
    }
    long from = Long.parseLong(first);
    long to = Long.parseLong(last);
    if (from > to) {
      problems.add(
          Problem.error(
              location,
              "",
              "",
              "range " + Shown.quoted(word) + " runs backwards: it names no host",
              "write the smaller bound first"));
      return List.of();
    }
    if (to - from + 1 > room) {
      tooMany(word, location, problems);
      return List.of();
    }
    String format = padded ? "%0" + first.length() + "d" : "%d";
    List<String> names = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      names.add(range.group(1) + String.format(format, n) + range.group(4));
    }
    return names;
  }

  private static void tooMany(String word, Location location, List<Problem> problems) {
    problems.add(
        Problem.error(
            location,
            "",
            "",
            Shown.quoted(word)
                + " brings the group over "
                + HostChecks.MAX_HOSTS
                + " hosts, the most an inventory may list",
            "split the hosts into groups, or write a smaller range"));
  }
}
