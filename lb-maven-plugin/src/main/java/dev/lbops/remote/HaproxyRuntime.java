package dev.lbops.remote;

import dev.lbops.core.Shown;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HAProxy's runtime API on one host, over the host's SSH connection: a batch of commands in one
 * round trip, each on a connection of its own to the socket, answered in order. A command that
 * changes something answers with nothing when it worked, else with HAProxy's message.
 */
public final class HaproxyRuntime {

  private final RemoteHost remote;
  private final String socket;

  /**
   * @param socket the runtime API's socket on the host (the CMDB's {@code runtime_api.path})
   */
  public HaproxyRuntime(RemoteHost remote, String socket) {
    this.remote = remote;
    this.socket = socket;
  }

  public String host() {
    return remote.name();
  }

  /**
   * Runs {@code commands} in order, in one round trip.
   *
   * @param step what they are for, for a message
   * @return each command's answer, stripped
   * @throws HostStepException when the socket cannot be reached or does not answer
   */
  public List<String> run(String step, List<String> commands) {
    CommandResult result = remote.script(step, script(socket, commands));
    Map<String, String> values = StateLines.values(result.stdout());
    if (!result.ok() || values.containsKey("runtime-api")) {
      throw HostStepException.failed(
          remote.name(),
          step,
          "HAProxy's runtime API",
          result,
          List.of(),
          "HAProxy's runtime API: "
              + values.getOrDefault("runtime-api", HostStepException.lastLines(result.stderr()))
              + " (runtime_api in the CMDB names its socket; HAProxy must be running)");
    }
    return answers(result.stdout(), commands.size());
  }

  /** HAProxy's servers now, in one round trip. */
  public ServerStats stats() {
    return ServerStats.parse(run("reading HAProxy's servers", List.of("show stat")).get(0));
  }

  /** The script that sends each command to the socket and prints its answer after its index. */
  public static String script(String socket, List<String> commands) {
    for (String command : commands) {
      // The API reads ';' and a line end as the start of another command: each is one command.
      if (command.chars().anyMatch(c -> c == ';' || Character.isISOControl(c))) {
        throw new IllegalArgumentException("not one runtime API command: " + Shown.quoted(command));
      }
    }
    List<Map<String, String>> numbered = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      numbered.add(Map.of("index", String.valueOf(i), "command", commands.get(i)));
    }
    return Scripts.render(
        "runtime-api.sh",
        Map.of("socket", socket, "python", Scripts.text("runtime-api.py"), "commands", numbered));
  }

  /** Each command's answer from what {@link #script} printed. */
  static List<String> answers(String output, int count) {
    List<StringBuilder> answers = new ArrayList<>();
    for (String line : output.lines().toList()) {
      if (line.startsWith("@@ ")) {
        answers.add(new StringBuilder());
      } else if (!answers.isEmpty()) {
        answers.get(answers.size() - 1).append(line).append('\n');
      }
    }
    List<String> stripped =
        new ArrayList<>(answers.stream().map(a -> a.toString().strip()).toList());
    while (stripped.size() < count) {
      stripped.add("");
    }
    return stripped;
  }

  /**
   * Whether an answer says a command that changes something worked: nothing, or HAProxy's words for
   * a new address, a new server or one deleted.
   */
  public static boolean accepted(String answer) {
    return answer.isEmpty()
        || answer.equals("New server registered.")
        || answer.equals("Server deleted.")
        || answer.startsWith("IP changed from")
        || answer.startsWith("no need to change the addr")
        || answer.startsWith("port changed from");
  }

  /**
   * {@code set server <backend>/<server> state <state>}: {@code ready}, {@code drain} or {@code
   * maint}.
   *
   * @throws IllegalArgumentException when the id is not HAProxy's {@code backend/server} of plain
   *     names or the state none of the three: the runtime API would read a {@code ;} or a space in
   *     them as the start of another command or argument
   */
  public static String setState(String id, String state) {
    if (!SERVER_ID.matcher(id).matches() || !STATES.contains(state)) {
      throw new IllegalArgumentException(
          "not a server's state change: " + Shown.quoted(id) + " " + Shown.quoted(state));
    }
    return "set server " + id + " state " + state;
  }

  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_.:-]+/[A-Za-z0-9_.:-]+");
  private static final List<String> STATES = List.of("ready", "drain", "maint");
}
