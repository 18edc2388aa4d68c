package dev.lbops.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a host's {@code haproxy.cfg} can become the new one without a reload, through HAProxy
 * 2.6's runtime API, and with which commands: only when the two differ in nothing but the {@code
 * server} lines of backends (and listens): a weight, the state ({@code disabled}), the address or
 * port, a server added (to a backend with a dynamic balance algorithm, no {@code default-server},
 * and only options {@code add server} takes) or removed (set to maintenance, then deleted once its
 * sessions ended). Anything else is a reload, and says why.
 *
 * @param socket the runtime API's UNIX socket at level admin, from the config's {@code stats
 *     socket} line; empty for a reload
 * @param moves the servers given a new address or port, sent first ({@link Move#commands})
 * @param commands what to send then, in order: the servers changed, added and enabled, then those
 *     to remove set to maintenance
 * @param removals the servers ({@code backend/server}) to delete once their sessions are 0
 * @param reloadBecause why a reload is needed; empty when the change is live
 */
record LiveChange(
    String socket,
    List<Move> moves,
    List<String> commands,
    List<String> removals,
    String reloadBecause) {

  /** Balance algorithms whose backends take servers added at run time. */
  private static final Set<String> DYNAMIC = Set.of("roundrobin", "leastconn", "first", "random");

  private static final Set<String> PROXIES = Set.of("backend", "listen");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern ADMIN_SOCKET =
      Pattern.compile("stats socket (/\\S+)(?:\\s.*)?\\slevel admin(?:\\s.*)?");
  private static final Pattern FALL_ONE = Pattern.compile("(?:^|\\s)fall\\s+1(?:\\s|$)");

  LiveChange {
    moves = List.copyOf(moves);
    commands = List.copyOf(commands);
    removals = List.copyOf(removals);
  }

  /**
   * A server given a new address or port ({@code set server addr}). HAProxy keeps a server's check
   * result over a new address, so that the post-deploy check would pass before a check at the new
   * address failed. Taken out of rotation for the change and put back ({@code maint}, then its
   * state before), HAProxy counts the server as just up: down at its first failed check, shown as
   * {@code UP 1/3} until then, which the post-deploy check waits for.
   */
  record Move(String id, String ip, int port, boolean disabled) {

    /**
     * The commands of the move, for a server now in {@code state} ({@code show stat}'s status): the
     * address alone when it is in maintenance (leaving it later counts it as just up) or down (its
     * checks at the new address bring it up; {@code show stat} does not say whether it is drained
     * too), else the address between {@code maint} and the state it was in ({@code drain} or {@code
     * ready}).
     */
    List<String> commands(String state) {
      String address = "set server " + id + " addr " + ip + " port " + port;
      if (state.startsWith("MAINT") || state.startsWith("DOWN")) {
        return List.of(address);
      }
      return List.of(
          "set server " + id + " state maint",
          address,
          "set server " + id + " state " + (state.startsWith("DRAIN") ? "drain" : "ready"));
    }
  }

  boolean live() {
    return reloadBecause.isEmpty();
  }

  /**
   * What puts back the servers this change takes out of rotation ({@code disabled} added, removed
   * ones not yet deleted) in the state they were in, for a restore before its reload: else the
   * reload would save them as put in maintenance by hand and keep them there.
   *
   * @param statesBefore {@code show stat}'s status of each server ({@code backend/server}) before
   *     the deploy; a server not in it is put back in rotation
   */
  List<String> undo(Map<String, String> statesBefore) {
    List<String> undo = new ArrayList<>();
    for (String command : commands) {
      if (command.startsWith("disable server ")
          || command.startsWith("set server ") && command.endsWith(" state maint")) {
        String id = command.split(" ")[2];
        String before = statesBefore.getOrDefault(id, "");
        if (!before.startsWith("MAINT")) {
          undo.add(
              "set server " + id + " state " + (before.startsWith("DRAIN") ? "drain" : "ready"));
        }
      }
    }
    return undo;
  }

  static LiveChange reload(String because) {
    return new LiveChange("", List.of(), List.of(), List.of(), because);
  }

  /**
   * What the change sends, for a reader: the moves as for a server in the state its config gives
   * it, then the rest.
   */
  List<String> described() {
    List<String> all = new ArrayList<>();
    moves.forEach(move -> all.addAll(move.commands(move.disabled() ? "MAINT" : "UP")));
    all.addAll(commands);
    return all;
  }

  /** The change from the host's {@code current} config to {@code next}. */
  static LiveChange between(String current, String next) {
    Config before = Config.of(current);
    Config after = Config.of(next);
    if (!before.others().equals(after.others())) {
      return reload("lines other than the servers of backends changed");
    }
    Optional<String> socket = after.adminSocket();
    if (socket.isEmpty()) {
      return reload("HAProxy's runtime API has no UNIX socket at level admin ('stats socket')");
    }
    List<Move> moves = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> disables = new ArrayList<>();
    List<String> removals = new ArrayList<>();
    for (Map.Entry<String, Proxy> entry : after.proxies().entrySet()) {
      Proxy old = before.proxies().get(entry.getKey());
      Proxy now = entry.getValue();
      if (old.servers().equals(now.servers())) {
        continue;
      }
      String backend = entry.getKey();
      if (!NAME.matcher(backend).matches()) {
        return reload("backend " + backend + "'s name cannot be sent to the runtime API");
      }
      Map<String, String> was = byName(old.servers());
      Map<String, String> is = byName(now.servers());
      if (was == null || is == null) {
        return reload("backend " + backend + " names a server twice, or a server line is unread");
      }
      for (Map.Entry<String, String> server : is.entrySet()) {
        String id = backend + "/" + server.getKey();
        String line = server.getValue();
        String oldLine = was.get(server.getKey());
        if (line.equals(oldLine)) {
          continue;
        }
        Optional<ServerLine> parsed = ServerLine.parse(line);
        if (parsed.isEmpty()) {
          return reload("server " + id + ": its new line cannot be applied at run time");
        }
        ServerLine s = parsed.get();
        if (oldLine == null) {
          String refused = now.whyNoServerCanBeAdded(after.mentionsTrackOrUseServer());
          if (!refused.isEmpty() || !s.addable()) {
            return reload(
                "server "
                    + id
                    + " is added "
                    + (refused.isEmpty()
                        ? "with an option the runtime API's 'add server' does not take"
                        : refused));
          }
          commands.add("add server " + id + " " + (s.address() + " " + s.addOptions()).strip());
          if (s.checked()) {
            commands.add("enable health " + id);
          }
          if (!s.disabled()) {
            commands.add("enable server " + id);
          }
          continue;
        }
        Optional<ServerLine> oldParsed = ServerLine.parse(oldLine);
        if (oldParsed.isEmpty() || !oldParsed.get().sameOptions(s)) {
          return reload("server " + id + " changed in more than its weight or state");
        }
        if (!oldParsed.get().address().equals(s.address())) {
          String refused = whyNotMovedLive(after, old, now, s);
          if (!refused.isEmpty()) {
            return reload("server " + id + "'s address or port changed, " + refused);
          }
          moves.add(new Move(id, s.ip(), s.port(), oldParsed.get().disabled()));
        }
        commands.addAll(changes(id, oldParsed.get(), s));
      }
      for (String server : was.keySet()) {
        if (!is.containsKey(server)) {
          String id = backend + "/" + server;
          String refused = old.whyNoServerCanBeAdded(after.mentionsTrackOrUseServer());
          if (!refused.isEmpty()) {
            return reload("server " + id + " is removed " + refused);
          }
          disables.add("disable server " + id);
          removals.add(id);
        }
      }
    }
    commands.addAll(disables);
    return new LiveChange(socket.get(), moves, commands, removals, "");
  }

  /**
   * Why a server of {@code proxy} cannot be moved live (taken out of rotation for a moment); empty
   * when it can.
   */
  private static String whyNotMovedLive(Config config, Proxy was, Proxy is, ServerLine moved) {
    if (config.all().stream().anyMatch(l -> FALL_ONE.matcher(l.strip()).find())) {
      return "and with 'fall 1' HAProxy shows no state between the new address and its first check"
          + " for the post-deploy check to wait on";
    }
    if (config.all().stream().anyMatch(l -> l.contains("shutdown-sessions"))) {
      return "and 'shutdown-sessions' would end its sessions when it leaves rotation for the move";
    }
    Set<String> activeBefore = active(was);
    boolean othersActive =
        active(is).stream()
            .anyMatch(name -> !name.equals(moved.name()) && activeBefore.contains(name));
    if (!othersActive && !moved.disabled()) {
      return "and it is its backend's only active server: out of rotation for the move, it would"
          + " leave the backend without one";
    }
    return "";
  }

  /** The names of the proxy's servers that are neither {@code backup} nor {@code disabled}. */
  private static Set<String> active(Proxy proxy) {
    Set<String> names = new HashSet<>();
    for (String line : proxy.servers()) {
      ServerLine.parse(line)
          .filter(server -> !server.disabled() && !server.others().contains("backup"))
          .ifPresent(server -> names.add(server.name()));
    }
    return names;
  }

  private static List<String> changes(String id, ServerLine was, ServerLine is) {
    List<String> commands = new ArrayList<>();
    if (was.weight() != is.weight()) {
      commands.add("set server " + id + " weight " + is.weight());
    }
    if (was.disabled() != is.disabled()) {
      commands.add("set server " + id + " state " + (is.disabled() ? "maint" : "ready"));
    }
    return commands;
  }

  /** The lines by server name; null when a name is there twice or missing. */
  private static Map<String, String> byName(List<String> lines) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String line : lines) {
      String[] words = line.split("\\s+");
      if (words.length < 2 || !NAME.matcher(words[1]).matches()) {
        return null;
      }
      if (byName.put(words[1], line) != null) {
        return null;
      }
    }
    return byName;
  }

  /**
   * One backend or listen: its server lines (stripped), its balance algorithm as it applies (its
   * own, else its defaults', else HAProxy's roundrobin), and whether {@code default-server} or
   * named defaults apply to it.
   */
  private record Proxy(
      List<String> servers, String balance, boolean defaultServer, boolean namedDefaults) {

    /** Why servers cannot be added to or removed from it at run time; empty when they can. */
    String whyNoServerCanBeAdded(boolean trackOrUseServer) {
      if (!DYNAMIC.contains(balance)) {
        return "in a backend whose balance algorithm ("
            + balance
            + ") takes no server at run time: only roundrobin, leastconn, first, random do";
      }
      if (defaultServer) {
        return "where 'default-server' applies, which the runtime API's 'add server' ignores";
      }
      if (namedDefaults) {
        return "in a backend of named defaults";
      }
      if (trackOrUseServer) {
        return "while a 'track' or 'use-server' names servers";
      }
      return "";
    }
  }

  /**
   * A config read for a live change: every line but the servers of backends and listens ({@code
   * others}, with the section each is in), and those proxies by name.
   */
  private record Config(List<String> others, Map<String, Proxy> proxies, List<String> all) {

    private static final String END = "end";

    static Config of(String text) {
      List<String> others = new ArrayList<>();
      Map<String, Proxy> proxies = new LinkedHashMap<>();
      List<String> all = text.lines().toList();
      String defaultsBalance = "roundrobin";
      boolean defaultsDefaultServer = false;
      String kind = "";
      String name = "";
      boolean named = false;
      List<String> servers = new ArrayList<>();
      String balance = null;
      boolean defaultServer = false;
      for (int i = 0; i <= all.size(); i++) {
        // After the last line, a header of its own closes the last section as any header does.
        boolean past = i == all.size();
        String raw = past ? END : all.get(i);
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue; // comments, such as the provenance header, whose checksum changes each time
        }
        boolean header = !Character.isWhitespace(raw.charAt(0));
        if (header) {
          if (PROXIES.contains(kind)) {
            proxies.put(
                name,
                new Proxy(
                    servers,
                    balance == null ? defaultsBalance : balance,
                    defaultServer || defaultsDefaultServer,
                    named));
          }
          if (past) {
            break;
          }
          String[] words = line.split("\\s+");
          kind = words[0];
          name = words.length > 1 ? words[1] : "";
          named = words.length > 2;
          servers = new ArrayList<>();
          balance = null;
          defaultServer = false;
          if (kind.equals("defaults")) {
            defaultsBalance = "roundrobin";
            defaultsDefaultServer = false;
          }
          others.add(line);
          continue;
        }
        if (PROXIES.contains(kind) && line.startsWith("server ")) {
          servers.add(line);
          continue;
        }
        others.add(kind + " " + name + ": " + line);
        if (line.startsWith("balance ") || line.equals("balance")) {
          String algorithm = line.substring(7).strip().split("[\\s(]")[0];
          if (kind.equals("defaults")) {
            defaultsBalance = algorithm;
          } else {
            balance = algorithm;
          }
        }
        if (line.startsWith("default-server")) {
          if (kind.equals("defaults")) {
            defaultsDefaultServer = true;
          } else {
            defaultServer = true;
          }
        }
      }
      return new Config(others, proxies, all);
    }

    Optional<String> adminSocket() {
      return all.stream()
          .map(String::strip)
          .map(ADMIN_SOCKET::matcher)
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .findFirst();
    }

    boolean mentionsTrackOrUseServer() {
      Set<String> words = new HashSet<>();
      all.forEach(line -> words.addAll(List.of(line.strip().split("\\s+"))));
      return words.contains("track") || words.contains("use-server");
    }
  }
}
