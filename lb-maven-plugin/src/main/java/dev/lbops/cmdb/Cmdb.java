package dev.lbops.cmdb;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.Scalar;
import dev.lbops.cmdb.CmdbNode.Sequence;
import dev.lbops.core.Location;
import dev.lbops.core.PathSegments;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Shown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML CMDB directory, looked up per host along a path of file name templates such as {@code
 * {environment}/{hostname}.yml}. Each file is parsed once, however many hosts read it.
 */
public final class Cmdb {

  /** Rex 0.51's default lookup path. */
  public static final List<String> REX_LOOKUP_PATH =
      List.of(
          "{operatingsystem}/{hostname}.yml",
          "{operatingsystem}/default.yml",
          "{environment}/{hostname}.yml",
          "{environment}/default.yml",
          "{hostname}.yml",
          "default.yml");

  private static final Pattern MACRO = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

  private final Path directory;
  private final List<String> lookupPath;
  private final MergeStrategy mergeStrategy;
  private final ListMerge listMerge;
  private final YamlFileReader reader = new YamlFileReader();
  private final Map<Path, Mapping> parsed = new ConcurrentHashMap<>();

  public Cmdb(Path directory, List<String> lookupPath, MergeStrategy mergeStrategy) {
    this(directory, lookupPath, mergeStrategy, ListMerge.NEVER);
  }

  public Cmdb(
      Path directory, List<String> lookupPath, MergeStrategy mergeStrategy, ListMerge listMerge) {
    this.directory = directory;
    this.lookupPath = List.copyOf(lookupPath);
    this.mergeStrategy = mergeStrategy;
    this.listMerge = listMerge;
  }

  public Path directory() {
    return directory;
  }

  /**
   * Merges the files that exist along the lookup path for a host described by {@code macros}
   * (hostname, environment, operatingsystem and any other host attribute). A template naming a
   * macro the host lacks is passed over.
   *
   * @throws ProblemsException when a file that exists is not valid CMDB YAML
   */
  public ResolvedCmdb resolve(Map<String, String> macros) {
    List<Path> files = new ArrayList<>();
    for (String template : lookupPath) {
      expand(template, macros)
          .map(this::inside)
          .filter(Files::isRegularFile)
          .filter(file -> !files.contains(file))
          .ifPresent(files::add);
    }
    List<Mapping> layers = new ArrayList<>();
    for (Path file : files) {
      layers.add(parsed.computeIfAbsent(file, f -> reader.read(f, displayName(f))));
    }
    if (mergeStrategy == MergeStrategy.LAST_WINS) {
      Collections.reverse(layers);
    }
    Mapping merged = Mapping.empty(Location.of(directory));
    for (Mapping layer : layers) {
      merged =
          mergeKeepingFirst(merged, layer, listMerge, mergeStrategy == MergeStrategy.LAST_WINS);
    }
    return new ResolvedCmdb(
        merged,
        directory,
        files.stream().map(file -> directory.relativize(file).toString()).toList());
  }

  /** The file a lookup path template names, which must lie inside the CMDB directory. */
  private Path inside(String relative) {
    Path root = directory.toAbsolutePath().normalize();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new ProblemsException(
          "The CMDB lookup path leads out of its directory",
          List.of(
              Problem.error(
                  Location.of(directory),
                  "",
                  "lookupPath",
                  Shown.quoted(relative) + " is not a file inside the CMDB directory",
                  "write the lookup path as names below the CMDB directory, without '..'")));
    }
    return directory.resolve(relative);
  }

  private String displayName(Path file) {
    return Location.display(file);
  }

  /**
   * The template with each macro replaced by its value, or empty when a value is missing.
   *
   * @throws ProblemsException when a value is not a single path segment: it could lead to a file
   *     outside the CMDB directory
   */
  static Optional<String> expand(String template, Map<String, String> macros) {
    Matcher matcher = MACRO.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String value = macros.get(matcher.group(1));
      if (value == null || value.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> problem = PathSegments.problem(value);
      if (problem.isPresent()) {
        throw new ProblemsException(
            "The CMDB lookup path leads out of its directory",
            List.of(
                Problem.error(
                    Location.UNKNOWN,
                    macros.getOrDefault("hostname", ""),
                    "{" + matcher.group(1) + "}",
                    "the lookup path's {"
                        + matcher.group(1)
                        + "} is "
                        + Shown.quoted(value)
                        + ", which "
                        + problem.get(),
                    "give the host (or -Dlb.environment) a single name such as production")));
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return Optional.of(path.toString());
  }

  /**
   * Deep-merges two mappings; where both have a key that is not a mapping on both sides, {@code
   * first} wins.
   */
  static Mapping mergeKeepingFirst(Mapping first, Mapping second) {
    return mergeKeepingFirst(first, second, ListMerge.NEVER, false);
  }

  /**
   * Deep-merges two mappings; where both have a key that is not a mapping on both sides, {@code
   * first} wins, but for lists that {@code listMerge} merges by name.
   *
   * @param firstIsGeneral whether {@code first} comes from the more general files (later in the
   *     lookup path), whose order merged lists keep
   */
  static Mapping mergeKeepingFirst(
      Mapping first, Mapping second, ListMerge listMerge, boolean firstIsGeneral) {
    Map<String, Entry> entries = new LinkedHashMap<>(first.entries());
    for (Entry entry : second.entries().values()) {
      Entry existing = entries.get(entry.key());
      if (existing == null) {
        entries.put(entry.key(), entry);
      } else if (existing.value() instanceof Mapping a && entry.value() instanceof Mapping b) {
        entries.put(
            entry.key(),
            new Entry(
                entry.key(),
                existing.keyLocation(),
                mergeKeepingFirst(a, b, listMerge, firstIsGeneral)));
      } else if (listMerge == ListMerge.BY_NAME
          && existing.value() instanceof Sequence a
          && entry.value() instanceof Sequence b
          && names(a).isPresent()
          && names(b).isPresent()) {
        entries.put(
            entry.key(),
            new Entry(entry.key(), existing.keyLocation(), mergeByName(a, b, firstIsGeneral)));
      }
    }
    Location location = first.entries().isEmpty() ? second.location() : first.location();
    return new Mapping(entries, location);
  }

  /**
   * The items of both lists merged by name, each item of the winner deep-merged over the loser's
   * item of its name: in the order of the more general file, then the other's new items.
   */
  private static Sequence mergeByName(Sequence winner, Sequence loser, boolean winnerIsGeneral) {
    Sequence general = winnerIsGeneral ? winner : loser;
    Sequence specific = winnerIsGeneral ? loser : winner;
    Map<String, Mapping> others = new LinkedHashMap<>();
    for (CmdbNode item : specific.items()) {
      others.put(nameOf((Mapping) item), (Mapping) item);
    }
    List<CmdbNode> items = new ArrayList<>();
    for (CmdbNode item : general.items()) {
      Mapping other = others.remove(nameOf((Mapping) item));
      if (other == null) {
        items.add(item);
      } else if (winnerIsGeneral) {
        items.add(mergeKeepingFirst((Mapping) item, other, ListMerge.BY_NAME, true));
      } else {
        items.add(mergeKeepingFirst(other, (Mapping) item, ListMerge.BY_NAME, false));
      }
    }
    items.addAll(others.values());
    return new Sequence(items, winner.location());
  }

  /** The names of a list's items, when every item is a mapping with a name of its own. */
  private static Optional<Set<String>> names(Sequence sequence) {
    Set<String> names = new HashSet<>();
    for (CmdbNode item : sequence.items()) {
      if (!(item instanceof Mapping mapping)
          || !(mapping.get("name") instanceof Scalar name)
          || name.type() == CmdbNode.ScalarType.NULL
          || !names.add(name.text())) {
        return Optional.empty();
      }
    }
    return sequence.items().isEmpty() ? Optional.empty() : Optional.of(names);
  }

  private static String nameOf(Mapping item) {
    return ((Scalar) item.get("name")).text();
  }
}
