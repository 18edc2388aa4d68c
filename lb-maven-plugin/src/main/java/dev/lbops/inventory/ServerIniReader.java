package dev.lbops.inventory;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * web[01..03]}.
 */
public final class ServerIniReader {

  private static final Pattern GROUP = Pattern.compile("\\[\\s*([^\\]\\s]+)\\s*]");
  private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d+)\\.\\.(\\d+)](.*)$");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> AUTH_TYPES = Set.of("pass", "key", "krb5");
  private static final Set<String> SUDO_YES = Set.of("true", "1", "yes");
  private static final Set<String> SUDO_NO = Set.of("false", "0", "no");

  /** The host of that name in any group of the file. */
  public Optional<Host> find(Path file, String name) {
    List<String> groups;
    try {
      groups =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(line -> GROUP.matcher(line.strip()))
              .filter(Matcher::matches)
              .map(header -> header.group(1))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read inventory " + file, e);
    }
    return groups.stream()
        .flatMap(group -> read(file, group).hosts().stream())
        .filter(host -> host.name().equals(name))
        .findFirst();
  }

  public Inventory read(Path file, String group) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read inventory " + file, e);
    }
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
      for (String name : expandRange(words[0])) {
        parseHost(name, words, currentGroup, location, problems).ifPresent(hosts::add);
      }
    }
    if (!groupsSeen.contains(group)) {
      problems.add(
          Problem.error(
              Location.of(file),
              "",
              "",
              "no group [" + group + "] in the inventory (groups found: " + groupsSeen + ")",
              "add a [" + group + "] section or choose a group with -Dlb.group=NAME"));
    } else if (hosts.isEmpty()) {
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

  private static Optional<Host> parseHost(
      String name, String[] words, String group, Location location, List<Problem> problems) {
    if (!HOST_NAME.matcher(name).matches()) {
      problems.add(
          Problem.error(
              location,
              name,
              "",
              "'" + name + "' is not a valid host name",
              "use letters, digits, '.', '_' and '-'"));
      return Optional.empty();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int w = 1; w < words.length; w++) {
      int eq = words[w].indexOf('=');
      if (eq <= 0) {
        problems.add(
            Problem.error(
                location,
                name,
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
      problems.add(
          Problem.warning(
              location,
              name,
              "password",
              "a password is written in the inventory in clear text",
              "move it to a <server> in ~/.m2/settings.xml (encrypt it with mvn"
                  + " --encrypt-password) and write server_id=<id> instead"));
    }
    if (sudo != null
        && !SUDO_YES.contains(sudo.toLowerCase())
        && !SUDO_NO.contains(sudo.toLowerCase())) {
      problems.add(
          Problem.error(
              location,
              name,
              "sudo",
              "sudo must be true or false, not '" + sudo + "'",
              "write sudo=true (the default: a user other than root works through sudo) or sudo=false"));
    }
    if (authType != null && !AUTH_TYPES.contains(authType)) {
      problems.add(
          Problem.error(
              location,
              name,
              "auth_type",
              "unknown auth_type '" + authType + "'",
              "use one of " + AUTH_TYPES));
    }
    return Optional.of(
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
            location));
  }

  private static List<String> expandRange(String word) {
    Matcher range = RANGE.matcher(word);
    if (!range.matches()) {
      return List.of(word);
    }
    int from = Integer.parseInt(range.group(2));
    int to = Integer.parseInt(range.group(3));
    int width = range.group(2).length();
    List<String> names = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      names.add(range.group(1) + String.format("%0" + width + "d", n) + range.group(4));
    }
    return names;
  }
}
