package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.maven.help.HelpMojo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Pins what users rely on in the generated plugin.xml: prefix, goals, phases, running without a
 * pom, and each goal's parameters with their properties.
 */
class PluginDescriptorTest {

  private static Document descriptor;
  private static final Map<String, Element> MOJOS = new HashMap<>();

  private static final Set<String> CLUSTER =
      Set.of(
          "skip",
          "timings",
          "hosts",
          "inventory",
          "group",
          "cmdbDirectory",
          "environment",
          "lookupPath",
          "mergeStrategy",
          "listMerge");
  private static final Set<String> RENDERING =
      Set.of(
          "outputDirectory",
          "templateDirectory",
          "checkWithTools",
          "filesDirectory",
          "certificateWarnDays");
  private static final Set<String> SSH =
      Set.of("knownHosts", "acceptNewHostKeys", "connectTimeout", "commandTimeout");
  private static final Set<String> CHECKS =
      Set.of("settleSeconds", "probeTimeoutMillis", "verifyReportDirectory");
  private static final Set<String> DRILLS =
      Set.of("drill", "drillModes", "maxFailoverMillis", "probeIntervalMillis", "probeHost");

  @BeforeAll
  static void read() throws Exception {
    descriptor =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      MOJOS.put(text(mojo, "goal"), mojo);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  /** The parameters a user can set (those `mvn lb:help -Ddetail` lists), by name. */
  private static Map<String, Element> parameters(String goal) {
    return children(MOJOS.get(goal), "parameter").stream()
        .filter(parameter -> text(parameter, "editable").equals("true"))
        .collect(Collectors.toMap(parameter -> text(parameter, "name"), parameter -> parameter));
  }

  /** The user property a parameter reads: {@code lb.x} of {@code ${lb.x}}, or empty. */
  private static String property(String goal, String parameter) {
    Element configuration = children(MOJOS.get(goal), "configuration").get(0);
    List<Element> value = children(configuration, parameter);
    String expression = value.isEmpty() ? "" : value.get(0).getTextContent().strip();
    return expression.startsWith("${") ? expression.substring(2, expression.length() - 1) : "";
  }

  /** Every goal of this plugin, without the generated lb:help. */
  private static Stream<String> goals() {
    return MOJOS.keySet().stream().filter(goal -> !goal.equals("help")).sorted();
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... groups) {
    return Stream.of(groups).flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void goalPrefix_isLb() {
    assertThat(
            descriptor
                .getDocumentElement()
                .getElementsByTagName("goalPrefix")
                .item(0)
                .getTextContent())
        .isEqualTo("lb");
  }

  @Test
  void goals_bindToTheirPhases_andRunWithoutAPom() {
    assertThat(MOJOS)
        .containsKeys(
            "validate",
            "render",
            "explain",
            "help",
            "deploy",
            "diff",
            "setup",
            "lab-up",
            "lab-down",
            "verify",
            "status",
            "rehearse",
            "package",
            "drain",
            "ready");
    assertThat(text(MOJOS.get("deploy"), "phase")).isEqualTo("deploy");
    assertThat(text(MOJOS.get("verify"), "phase")).isEqualTo("deploy");
    assertThat(text(MOJOS.get("package"), "phase")).isEqualTo("package");
    assertThat(text(MOJOS.get("package"), "requiresProject"))
        .as("an artifact needs a project")
        .isEqualTo("true");
    assertThat(text(MOJOS.get("diff"), "phase")).as("diff binds to no phase").isEmpty();
    assertThat(text(MOJOS.get("validate"), "phase")).isEqualTo("validate");
    assertThat(text(MOJOS.get("render"), "phase")).isEqualTo("generate-resources");
    goals()
        .filter(goal -> !goal.equals("package"))
        .forEach(
            goal ->
                assertThat(text(MOJOS.get(goal), "requiresProject")).as(goal).isEqualTo("false"));
  }

  /** The parameters each goal really reads, as its Mojo's code does: no more, no fewer. */
  private static final Map<String, Set<String>> USED =
      Map.ofEntries(
          Map.entry("validate", union(CLUSTER, Set.of("skipValidate"))),
          Map.entry("explain", union(CLUSTER, Set.of("skipExplain", "key"))),
          Map.entry("render", union(CLUSTER, RENDERING, Set.of("skipRender"))),
          Map.entry("package", union(CLUSTER, RENDERING, Set.of("skipPackage", "outputTimestamp"))),
          Map.entry("status", union(CLUSTER, RENDERING, SSH, Set.of("skipStatus"))),
          Map.entry(
              "deploy",
              union(
                  CLUSTER,
                  RENDERING,
                  SSH,
                  Set.of(
                      "skipDeploy",
                      "dryRun",
                      "force",
                      "only",
                      "parallelism",
                      "rollback",
                      "lockTimeout",
                      "lockLease",
                      "breakLock"))),
          Map.entry(
              "diff",
              union(
                  CLUSTER,
                  RENDERING,
                  SSH,
                  Set.of("skipDiff", "only", "parallelism", "failOnDiff"))),
          Map.entry(
              "verify",
              union(
                  CLUSTER,
                  RENDERING,
                  SSH,
                  CHECKS,
                  DRILLS,
                  Set.of("skipVerify", "lockLease", "breakLock"))),
          Map.entry(
              "setup",
              union(
                  CLUSTER,
                  RENDERING,
                  SSH,
                  CHECKS,
                  DRILLS,
                  Set.of(
                      "skipSetup",
                      "skipDeploy",
                      "skipVerify",
                      "dryRun",
                      "force",
                      "only",
                      "parallelism",
                      "rollback",
                      "lockTimeout",
                      "lockLease",
                      "breakLock"))),
          Map.entry(
              "rehearse",
              union(
                  CLUSTER,
                  Set.of(
                      "templateDirectory",
                      "checkWithTools",
                      "filesDirectory",
                      "certificateWarnDays",
                      "connectTimeout",
                      "commandTimeout"),
                  Set.of("settleSeconds", "probeTimeoutMillis"),
                  Set.of("drillModes", "maxFailoverMillis", "probeIntervalMillis", "lockLease"),
                  Set.of("skipRehearse", "rehearsalDirectory", "labName", "labKind", "keepLab"))),
          Map.entry(
              "lab-up",
              Set.of(
                  "skip",
                  "timings",
                  "skipLabUp",
                  "labDirectory",
                  "labName",
                  "labKind",
                  "labLoadBalancers",
                  "labBackends")),
          Map.entry("lab-down", Set.of("skip", "timings", "skipLabDown", "labDirectory")),
          Map.entry(
              "drain",
              union(
                  CLUSTER,
                  SSH,
                  Set.of("skipDrain", "servers", "drainTimeout", "lockTimeout", "breakLock"))),
          Map.entry(
              "ready",
              union(
                  CLUSTER,
                  SSH,
                  Set.of("skipReady", "servers", "readyTimeout", "lockTimeout", "breakLock"))),
          Map.entry(
              "import-rex",
              Set.of("skip", "timings", "skipImportRex", "rexProject", "importDirectory")));

  @Test
  void everyGoal_hasItsUsedParametersPinnedHere() {
    assertThat(new TreeSet<>(USED.keySet()))
        .isEqualTo(goals().collect(Collectors.toCollection(TreeSet::new)));
  }

  @Nested
  @DisplayName("each goal shows exactly the parameters it uses")
  class Parameters {

    private void assertParameters(String goal) {
      assertThat(new TreeSet<>(parameters(goal).keySet())).as(goal).isEqualTo(USED.get(goal));
    }

    @Test
    void offlineGoals_readTheClusterOnly() {
      Stream.of("validate", "explain", "render", "package").forEach(this::assertParameters);
      assertThat(USED.get("package")).doesNotContainAnyElementsOf(union(SSH, CHECKS, DRILLS));
    }

    @Test
    void goalsThatGoToTheHosts_haveTheSshParameters_andNoDrill() {
      Stream.of("status", "deploy", "diff").forEach(this::assertParameters);
      Stream.of("status", "deploy", "diff")
          .forEach(
              goal ->
                  assertThat(USED.get(goal))
                      .as(goal)
                      .containsAll(SSH)
                      .doesNotContainAnyElementsOf(union(CHECKS, DRILLS)));
    }

    @Test
    void goalsThatDrill_haveTheCheckAndDrillParameters() {
      Stream.of("verify", "setup").forEach(this::assertParameters);
    }

    @Test
    void rehearse_hasNoParameterOfTheProjectsHosts_sinceItGoesToALab() {
      assertParameters("rehearse");
      assertThat(USED.get("rehearse"))
          .doesNotContain("knownHosts", "acceptNewHostKeys", "probeHost", "outputDirectory");
    }

    @Test
    void drainAndReady_goToTheHosts_butRenderNothing() {
      Stream.of("drain", "ready").forEach(this::assertParameters);
      Stream.of("drain", "ready")
          .forEach(
              goal -> assertThat(USED.get(goal)).as(goal).doesNotContainAnyElementsOf(RENDERING));
    }

    @Test
    void labAndImportGoals_haveTheirOwnParametersOnly() {
      Stream.of("lab-up", "lab-down", "import-rex").forEach(this::assertParameters);
    }
  }

  @Nested
  @DisplayName("mvn lb:help -Ddetail shows what each goal really uses")
  class Help {

    /** What {@code mvn lb:help -Ddetail -Dgoal=GOAL} prints, run as Maven runs it. */
    private String help(String goal) throws Exception {
      HelpMojo mojo = new HelpMojo();
      setField(mojo, "detail", true);
      setField(mojo, "goal", goal);
      setField(mojo, "lineLength", 80);
      setField(mojo, "indentSize", 2);
      StringBuilder printed = new StringBuilder();
      mojo.setLog(
          new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
              printed.append(content).append('\n');
            }
          });
      mojo.execute();
      return printed.toString();
    }

    private void setField(Object target, String name, Object value) throws Exception {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      field.set(target, value);
    }

    /** The parameter names of a goal's "Available parameters:" list. */
    private Set<String> listedParameters(String help) {
      Matcher parameter =
          Pattern.compile("(?m)^ {4}([A-Za-z]+)(?: \\(Default: [^)]*\\))?$").matcher(help);
      Set<String> names = new TreeSet<>();
      while (parameter.find()) {
        names.add(parameter.group(1));
      }
      return names;
    }

    @Test
    void everyGoal_listsExactlyTheParametersItUses() throws Exception {
      Map<String, Set<String>> listed = new TreeMap<>();
      for (String goal : USED.keySet()) {
        listed.put(goal, listedParameters(help(goal)));
      }
      assertThat(listed).isEqualTo(new TreeMap<>(USED));
    }

    @Test
    void deploy_showsNoDrillOrProbe_andItsDefaultsAsMavenReadsThem() throws Exception {
      String deploy = help("deploy");
      assertThat(deploy)
          .contains("\nlb:deploy\n")
          .contains("outputDirectory (Default: ${project.build.directory}/lb)")
          .contains("User property: lb.dryRun")
          .doesNotContain("drill", "probe");
    }

    @Test
    void noGoal_showsAMangledExpressionOrAnUnfinishedFeature() throws Exception {
      for (String goal : USED.keySet()) {
        assertThat(help(goal))
            .as(goal)
            .doesNotContainPattern("\\$\\{[^}\\n]*/[^}\\n]*}")
            .doesNotContainIgnoringCase("not built yet")
            .doesNotContainIgnoringCase("not yet implemented");
      }
    }
  }

  @Nested
  @DisplayName("a parameter's property is lb. and its name")
  class Properties {

    @Test
    void everyParameter_readsPropertyLbAndItsName_orItsGoalsSkip() {
      List<String> wrong = new ArrayList<>();
      goals()
          .forEach(
              goal ->
                  parameters(goal)
                      .keySet()
                      .forEach(
                          name -> {
                            String expected = expectedProperty(goal, name);
                            if (!property(goal, name).equals(expected)) {
                              wrong.add(goal + " " + name + ": " + property(goal, name));
                            }
                          }));
      assertThat(wrong).isEmpty();
    }

    private static String expectedProperty(String goal, String parameter) {
      if (parameter.equals("hosts")) {
        return ""; // declared in the pom as <host> elements
      }
      if (parameter.matches("skip[A-Z].*")) {
        // skipLabUp reads lb.lab-up.skip: the skip of the goal of that name
        return "lb."
            + parameter.substring(4, 5).toLowerCase()
            + parameter.substring(5).replaceAll("([A-Z])", "-$1").toLowerCase()
            + ".skip";
      }
      return "lb." + parameter;
    }

    @Test
    void everyGoal_hasASkipOfItsOwn_readingLbGoalSkip() {
      goals()
          .forEach(
              goal -> {
                String parameter =
                    "skip"
                        + Stream.of(goal.split("-"))
                            .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                            .collect(Collectors.joining());
                assertThat(parameters(goal)).as(goal).containsKey(parameter);
                assertThat(property(goal, parameter)).as(goal).isEqualTo("lb." + goal + ".skip");
              });
    }

    @Test
    void propertyNames_holdsEveryPropertyThePluginReads_andNoOther() throws Exception {
      Set<String> read = new TreeSet<>();
      goals()
          .forEach(
              goal -> parameters(goal).keySet().forEach(name -> read.add(property(goal, name))));
      read.remove("");
      Set<String> constants = new TreeSet<>();
      for (Field field : PropertyNames.class.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          constants.add((String) field.get(null));
        }
      }
      assertThat(constants).isEqualTo(read);
      assertThat(PropertyNames.RENAMED.keySet()).as("old names").doesNotContainAnyElementsOf(read);
    }

    @Test
    void everyParameter_hasADescriptionAndSince() {
      goals()
          .forEach(
              goal ->
                  parameters(goal)
                      .forEach(
                          (name, parameter) -> {
                            assertThat(text(parameter, "description"))
                                .as(goal + " " + name)
                                .isNotBlank();
                            assertThat(text(parameter, "since")).as(goal + " " + name).isNotBlank();
                          }));
    }

    @Test
    void helpTexts_showNoMangledExpression() throws Exception {
      String help =
          Files.readString(
              Path.of("target/classes/META-INF/maven/dev.lbops/lb-maven-plugin/plugin-help.xml"));
      // Javadoc's {@code ${a}/b} became ${a/b} in lb:help.
      assertThat(help).doesNotContainPattern("\\$\\{[^}<]*/[^}<]*}");
    }
  }

  @Test
  void readmesPropertyTable_saysForEachPropertyWhichGoalsReadIt() throws Exception {
    Map<String, Set<String>> readBy = new TreeMap<>();
    goals()
        .forEach(
            goal ->
                parameters(goal)
                    .keySet()
                    .forEach(
                        name ->
                            readBy
                                .computeIfAbsent(property(goal, name), p -> new TreeSet<>())
                                .add(goal)));
    readBy.remove("");
    Set<String> everyGoal = goals().collect(Collectors.toCollection(TreeSet::new));

    Map<String, Set<String>> documented = new TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(lb\\.[^`]+)` \\| ([^|]+) \\|")
            .matcher(Files.readString(Path.of("../README.md")));
    while (row.find()) {
      String goals = row.group(2).strip();
      documented.put(
          row.group(1),
          goals.equals("every goal")
              ? everyGoal
              : new TreeSet<>(Arrays.asList(goals.replace("`", "").split(",\\s*"))));
    }
    assertThat(documented).isEqualTo(readBy);
  }
}
