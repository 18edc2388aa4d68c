package dev.lbops.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.binding.LoadedCluster;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.ListMerge;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.corpus.Directives.Directive;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.render.CheckedCopies;
import dev.lbops.render.ClusterRenderer;
import dev.lbops.render.ConfigChecker;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.FilesInPlace;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.TemplateSource;
import dev.lbops.validate.ClusterValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus ({@code src-it/corpus}): public configurations, each transcribed for a pair and
 * written as a CMDB beside it. Each CMDB validates, renders files that pass the real {@code haproxy
 * -c} and {@code keepalived -t}, and says what the original says: each original directive is
 * expressed by a dedicated key (natively), by a checked free line, or not at all (then listed with
 * its reason in the entry's {@code missing.txt}), and the rendered files add nothing. The coverage
 * per tool is printed and must be what the README's Coverage section states.
 */
class CorpusIT {

  static final Path CORPUS = Path.of("../src-it/corpus");
  private static final Path README = Path.of("../README.md");

  /** The settings.xml every entry's server ids resolve against. */
  private static final CredentialSource CREDENTIALS =
      id -> Optional.of(new ServerCredentials(id, "ops", Secret.of("Crp-2024"), "", null));

  private static final List<Host> PAIR =
      List.of(host("lb1", "198.18.0.11"), host("lb2", "198.18.0.12"));

  /** Keywords whose lines HAProxy or Keepalived read in order. */
  private static final Set<String> ORDERED =
      Set.of(
          "http-request", "http-response", "http-after-response", "tcp-request", "tcp-response",
          "use_backend", "redirect", "http-check", "tcp-check", "server");

  /**
   * What the rendered haproxy.cfg adds on purpose where a runtime socket is: the server states a
   * reload saves and the new process loads (live changes, lb:drain).
   */
  private static final Set<String> FOR_LIVE_CHANGES =
      Set.of(
          "server-state-file /var/lib/haproxy/server-state", "load-server-state-from-file global");

  @TempDir static Path out;

  private static final Map<String, Entry> ENTRIES = new TreeMap<>();

  /** What one entry showed. */
  record Entry(
      String name,
      List<String> problems,
      Map<ConfigKind, Tally> tallies,
      List<String> missing,
      List<String> expectedMissing) {}

  /** Directives of one tool in one entry (both hosts): by how they are expressed. */
  record Tally(int natively, int freeLines, int notAtAll, List<String> added, List<String> order) {
    Tally plus(Tally other) {
      List<String> added = new ArrayList<>(this.added);
      added.addAll(other.added);
      List<String> order = new ArrayList<>(this.order);
      order.addAll(other.order);
      return new Tally(
          natively + other.natively,
          freeLines + other.freeLines,
          notAtAll + other.notAtAll,
          added,
          order);
    }

    int total() {
      return natively + freeLines + notAtAll;
    }
  }

  private static final Tally NONE = new Tally(0, 0, 0, List.of(), List.of());

  private static Host host(String name, String address) {
    return new Host(
        name, address, 22, "", "", "", List.of(), Map.of(), null, "", false, Location.UNKNOWN);
  }

  @BeforeAll
  static void runEveryEntry() throws IOException {
    try (Stream<Path> entries = Files.list(CORPUS)) {
      for (Path entry : entries.filter(Files::isDirectory).sorted().toList()) {
        ENTRIES.put(entry.getFileName().toString(), run(entry));
      }
    }
    Map<ConfigKind, Tally> totals = totals();
    System.out.println("Corpus coverage (" + ENTRIES.size() + " entries, both hosts of each):");
    for (ConfigKind kind : ConfigKind.values()) {
      System.out.println("  " + coverageLine(kind, totals.get(kind)));
    }
  }

  private static Entry run(Path entry) throws IOException {
    List<String> problems = new ArrayList<>();
    LoadedCluster loaded =
        new ClusterLoader(CREDENTIALS)
            .load(
                new ClusterSpec(
                    PAIR,
                    null,
                    "lb",
                    entry.resolve("cmdb"),
                    Cmdb.REX_LOOKUP_PATH,
                    MergeStrategy.FIRST_WINS,
                    "default",
                    ListMerge.BY_NAME));
    List<Problem> found = new ArrayList<>(loaded.problems());
    found.addAll(new ClusterValidator().validate(loaded.cluster(), loaded.problems()));
    found.stream().filter(Problem::isError).map(Problem::format).forEach(problems::add);
    found.stream()
        .filter(p -> !p.isError())
        .forEach(p -> System.out.println("[" + entry.getFileName() + "] " + p.format()));
    Map<ConfigKind, Tally> tallies = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    if (!problems.isEmpty()) {
      return new Entry(entry.getFileName().toString(), problems, tallies, missing, expected(entry));
    }
    Cluster cluster = loaded.cluster();
    ClusterRenderer renderer = new ClusterRenderer(TemplateSource.BUNDLED_ONLY);
    List<RenderedFile> files = renderer.render(cluster, "corpus");
    Path written = out.resolve(entry.getFileName());
    renderer.write(files, written);
    for (RenderedFile file : files) {
      HostConfig host = cluster.host(file.host());
      problems.addAll(check(entry, host, file, file.localPath(written)));
      Optional<Path> original = original(entry, file.host(), file.kind());
      if (original.isEmpty()) {
        continue;
      }
      Tally tally =
          compare(
              file.host() + " " + original.get().getFileName(),
              Files.readString(original.get()),
              file.body(),
              file.kind(),
              freeLines(host, file.kind()),
              missing);
      tallies.merge(file.kind(), tally, Tally::plus);
    }
    return new Entry(entry.getFileName().toString(), problems, tallies, missing, expected(entry));
  }

  /** The entry's original of a host: its own ({@code lb1.haproxy.cfg}) or the shared one. */
  private static Optional<Path> original(Path entry, String host, ConfigKind kind) {
    String name = kind.hostPath().substring(kind.hostPath().lastIndexOf('/') + 1);
    Path own = entry.resolve(host + "." + name);
    if (Files.isRegularFile(own)) {
      return Optional.of(own);
    }
    Path shared = entry.resolve(name);
    return Files.isRegularFile(shared) ? Optional.of(shared) : Optional.empty();
  }

  /** What the real tool says of a rendered file, as problems (none when it passes). */
  private static List<String> check(Path entry, HostConfig host, RenderedFile file, Path path)
      throws IOException {
    List<String> problems = new ArrayList<>();
    if (file.kind() == ConfigKind.KEEPALIVED) {
      // As lb:render checks it: a script the host must have is checked with a stand-in program.
      try (CheckedCopies.Copy copy =
          new CheckedCopies(path.getParent().resolve("checked")).write(file, List.of())) {
        new ConfigChecker(LbLog.NONE)
            .check(host, file.kind(), path, copy.path()).stream()
                .filter(Problem::isError)
                .map(Problem::format)
                .forEach(problems::add);
      }
      return problems;
    }
    Map<String, byte[]> inPlace = new LinkedHashMap<>();
    Path list = entry.resolve("files.txt");
    if (Files.isRegularFile(list)) {
      for (String name : Files.readAllLines(list)) {
        if (!name.isBlank()) {
          inPlace.put(
              name.strip(),
              name.endsWith(".pem")
                  ? FilesInPlace.certificate()
                  : FilesInPlace.errorFile(name.replaceAll(".*/(\\d{3})\\.http$", "$1")));
        }
      }
    }
    FilesInPlace.Result result = FilesInPlace.haproxyCheck(path, inPlace);
    if (result.exit() != 0) {
      problems.add(file.host() + " haproxy -c exit " + result.exit() + ":\n" + result.output());
    }
    return problems;
  }

  /** The texts of the host's free lines for one file, normalised like its directives. */
  private static Set<String> freeLines(HostConfig host, ConfigKind kind) {
    List<String> texts = new ArrayList<>();
    if (kind == ConfigKind.HAPROXY) {
      FreeLines.haproxy(host.haproxy()).forEach(texts::add);
      return Set.copyOf(
          texts.stream()
              .flatMap(text -> Directives.haproxy(text).stream())
              .map(Directive::text)
              .toList());
    }
    FreeLines.keepalived(host.keepalived()).forEach(texts::add);
    return Set.copyOf(
        texts.stream()
            .flatMap(text -> Directives.keepalived(text).stream())
            .map(Directive::text)
            .toList());
  }

  /** Each directive of the original: expressed natively, by a free line, or not at all. */
  private static Tally compare(
      String label,
      String original,
      String rendered,
      ConfigKind kind,
      Set<String> free,
      List<String> missing) {
    List<Directive> wanted =
        kind == ConfigKind.HAPROXY ? Directives.haproxy(original) : Directives.keepalived(original);
    List<Directive> got =
        kind == ConfigKind.HAPROXY ? Directives.haproxy(rendered) : Directives.keepalived(rendered);
    List<Directive> left = new ArrayList<>(got);
    int natively = 0;
    int freeLines = 0;
    int notAtAll = 0;
    for (Directive directive : wanted) {
      if (left.remove(directive)) {
        if (free.contains(directive.text())) {
          freeLines++;
        } else {
          natively++;
        }
      } else {
        notAtAll++;
        missing.add(label + ": " + directive);
      }
    }
    List<String> added =
        left.stream()
            .filter(d -> !FOR_LIVE_CHANGES.contains(d.text()))
            .map(d -> label + ": " + d)
            .toList();
    return new Tally(natively, freeLines, notAtAll, added, order(label, wanted, got));
  }

  /** The ordered families whose lines come in another order than the original's. */
  private static List<String> order(String label, List<Directive> wanted, List<Directive> got) {
    List<String> differences = new ArrayList<>();
    for (String keyword : ORDERED) {
      Map<String, List<String>> a = family(wanted, keyword);
      Map<String, List<String>> b = family(got, keyword);
      a.forEach(
          (section, lines) -> {
            if (!lines.equals(b.getOrDefault(section, List.of()))) {
              differences.add(label + ": " + section + " > " + keyword + " lines in another order");
            }
          });
    }
    return differences;
  }

  private static Map<String, List<String>> family(List<Directive> directives, String keyword) {
    Map<String, List<String>> family = new TreeMap<>();
    for (Directive d : directives) {
      if (d.text().startsWith(keyword + " ")) {
        family.computeIfAbsent(d.section(), s -> new ArrayList<>()).add(d.text());
      }
    }
    return family;
  }

  private static List<String> expected(Path entry) throws IOException {
    Path file = entry.resolve("missing.txt");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.contains("  # ") ? line.substring(0, line.indexOf("  # ")) : line)
        .map(String::strip)
        .toList();
  }

  private static Map<ConfigKind, Tally> totals() {
    Map<ConfigKind, Tally> totals = new LinkedHashMap<>();
    for (ConfigKind kind : ConfigKind.values()) {
      totals.put(
          kind,
          ENTRIES.values().stream()
              .map(entry -> entry.tallies().getOrDefault(kind, NONE))
              .reduce(NONE, Tally::plus));
    }
    return totals;
  }

  /** As the README writes it. */
  static String coverageLine(ConfigKind kind, Tally tally) {
    return String.format(
        "%s: %d directives in %d originals: %s natively, %s as checked free lines, %s not at all",
        kind == ConfigKind.HAPROXY ? "HAProxy" : "Keepalived",
        tally.total(),
        originals(kind),
        percent(tally.natively(), tally.total()),
        percent(tally.freeLines(), tally.total()),
        percent(tally.notAtAll(), tally.total()));
  }

  /** How many entries have an original of this kind. */
  private static long originals(ConfigKind kind) {
    return ENTRIES.keySet().stream()
        .filter(
            name ->
                original(CORPUS.resolve(name), "lb1", kind).isPresent()
                    || original(CORPUS.resolve(name), "lb2", kind).isPresent())
        .count();
  }

  private static String percent(int part, int total) {
    return String.format(Locale.ROOT, "%.1f %% (%d)", 100.0 * part / total, part);
  }

  @TestFactory
  Stream<DynamicTest> eachEntry_validatesPassesTheToolsAndSaysWhatTheOriginalSays() {
    assertThat(ENTRIES).as("corpus entries").hasSizeGreaterThanOrEqualTo(10);
    return ENTRIES.values().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.name(),
                    () -> {
                      assertThat(entry.problems()).as("problems").isEmpty();
                      assertThat(entry.tallies()).as("originals compared").isNotEmpty();
                      entry.tallies().values().forEach(tally -> {
                        assertThat(tally.added()).as("directives the rendered files add").isEmpty();
                        assertThat(tally.order()).as("ordered lines").isEmpty();
                      });
                      assertThat(entry.missing())
                          .as("directives not expressed, as missing.txt lists them")
                          .containsExactlyInAnyOrderElementsOf(entry.expectedMissing());
                    }));
  }

  @Test
  void theCorpus_hasEightHaproxyAndSixKeepalivedOriginals() {
    assertThat(originals(ConfigKind.HAPROXY)).isGreaterThanOrEqualTo(8);
    assertThat(originals(ConfigKind.KEEPALIVED)).isGreaterThanOrEqualTo(6);
  }

  @Test
  void theReadme_statesTheMeasuredCoverage() throws IOException {
    String readme = Files.readString(README);
    Matcher section = Pattern.compile("(?s)\n## Coverage\n(.*?)(\n## |\\z)").matcher(readme);
    assertThat(section.find()).as("README has a Coverage section").isTrue();
    Map<ConfigKind, Tally> totals = totals();
    for (ConfigKind kind : ConfigKind.values()) {
      assertThat(section.group(1)).contains(coverageLine(kind, totals.get(kind)));
    }
  }
}
