package dev.lbops.rex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Rexfile says that an lb-cluster project can carry over: the group its {@code setup} task
 * runs on, and which of the Keepalived and HAProxy modules it sets up. Every other line that does
 * something is kept as not carried over, with its line number.
 *
 * @param group the inventory group of the task that sets the modules up; {@code lb} when none says
 * @param notCarried the Rexfile's lines this project does not do, each with why
 */
public record Rexfile(String group, List<String> modules, List<Line> notCarried) {

  /** A line of the Rexfile and why it is not carried over. */
  public record Line(int number, String text, String why) {}

  private static final String DEFAULT_GROUP = "lb";
  private static final List<String> OUR_MODULES = List.of("Keepalived", "HAProxy");

  private static final Pattern IGNORABLE =
      Pattern.compile(
          "\\s*(#.*|1;|\\};?|make\\s*\\{|use\\s+Rex\\b.*;|use\\s+strict;|use\\s+warnings;|desc\\s+.*;)?\\s*");
  private static final Pattern INCLUDE =
      Pattern.compile("\\s*(?:include|require|use)\\s+\"?([A-Za-z:]+)\"?\\s*;\\s*");
  private static final Pattern TASK = Pattern.compile("\\s*task\\s+[\"'](\\w+)[\"'](.*)");
  private static final Pattern GROUP =
      Pattern.compile("group\\s*=>\\s*[\"'\\[]*\\s*[\"']?([\\w-]+)");
  private static final Pattern SETUP =
      Pattern.compile("\\s*(?:setup|\\w+::setup)\\s+(\\w+)\\s*;?.*");
  private static final Pattern MODULE_SETUP = Pattern.compile("\\s*(\\w+)::setup\\b.*");

  public Rexfile {
    modules = List.copyOf(modules);
    notCarried = List.copyOf(notCarried);
  }

  /** A project without a Rexfile: the group {@code lb}, both modules, as the reference does. */
  public static Rexfile absent() {
    return new Rexfile(DEFAULT_GROUP, OUR_MODULES, List.of());
  }

  /** Reads a Rexfile's text. It is Perl: lines are recognised, not parsed. */
  public static Rexfile read(String text) {
    String group = null;
    String task = null;
    List<String> modules = new ArrayList<>();
    List<Line> notCarried = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      int number = i + 1;
      Matcher include = INCLUDE.matcher(line);
      Matcher taskStart = TASK.matcher(line);
      Matcher setup = SETUP.matcher(line);
      Matcher moduleSetup = MODULE_SETUP.matcher(line);
      if (IGNORABLE.matcher(line).matches()) {
        continue;
      } else if (include.matches()) {
        String module = include.group(1);
        if (!OUR_MODULES.contains(module)) {
          notCarried.add(
              new Line(number, line, "module " + module + " is not one this plugin replaces"));
        }
      } else if (taskStart.matches()) {
        task = taskStart.group(1);
        Matcher taskGroup = GROUP.matcher(taskStart.group(2));
        if (taskGroup.find() && group == null) {
          group = taskGroup.group(1);
        }
        if (!task.equals("setup")) {
          notCarried.add(
              new Line(
                  number,
                  line,
                  "task '" + task + "': only the modules' setup is carried over (lb:deploy)"));
        }
      } else if (GROUP.matcher(line).find() && group == null && task != null) {
        Matcher taskGroup = GROUP.matcher(line);
        taskGroup.find();
        group = taskGroup.group(1);
      } else if (setup.matches() && OUR_MODULES.contains(setup.group(1))) {
        modules.add(setup.group(1));
      } else if (moduleSetup.matches() && OUR_MODULES.contains(moduleSetup.group(1))) {
        modules.add(moduleSetup.group(1));
      } else {
        notCarried.add(new Line(number, line.strip(), why(line)));
      }
    }
    return new Rexfile(group == null ? DEFAULT_GROUP : group, modules, notCarried);
  }

  private static String why(String line) {
    String code = line.strip();
    if (code.matches("(user|password|pass_auth|key_auth|private_key|public_key|sudo\\w*)\\b.*")) {
      return "credentials belong in settings.xml <server>s (see settings-snippet.xml)";
    }
    if (code.matches("(set|environment|group|timeout|parallelism)\\b.*")) {
      return "Rex configuration: see the pom's <configuration> and the properties table";
    }
    return "Perl code this plugin does not run";
  }
}
