package dev.lbops.binding;

import dev.lbops.cmdb.CmdbNode;
import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.Scalar;
import dev.lbops.cmdb.CmdbNode.ScalarType;
import dev.lbops.cmdb.CmdbNode.Sequence;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.model.Directive;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Origin;
import dev.lbops.model.Range;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the typed fields of one CMDB mapping, recording a problem for each value that cannot be
 * read so that every problem is reported at once. An optional value that cannot be read takes its
 * default; a required one leaves the mapping {@linkplain #complete() incomplete}, and the binder
 * leaves the element out of the model rather than give it a placeholder.
 */
final class Fields {

  private final Mapping mapping;
  private final String keyPath;
  private final String host;
  private final List<Problem> problems;
  private final Set<String> read = new LinkedHashSet<>();
  private final Map<String, Location> locations = new LinkedHashMap<>();
  private boolean complete = true;

  Fields(Mapping mapping, String keyPath, String host, List<Problem> problems) {
    this.mapping = mapping;
    this.keyPath = keyPath;
    this.host = host;
    this.problems = problems;
  }

  Origin origin() {
    return new Origin(keyPath, mapping.location(), locations);
  }

  /** The keys written in this mapping, in order. */
  List<String> keys() {
    return List.copyOf(mapping.entries().keySet());
  }

  /** Whether every required value was read; when not, the element is left out of the model. */
  boolean complete() {
    return complete;
  }

  boolean has(String key) {
    return mapping.entries().containsKey(key);
  }

  String path(String key) {
    return keyPath.isEmpty() ? key : keyPath + "." + key;
  }

  /** The raw node of {@code key}, or {@code null}; marks the key as known. */
  CmdbNode node(String key) {
    read.add(key);
    Entry entry = mapping.entries().get(key);
    if (entry == null) {
      return null;
    }
    locations.put(key, entry.value().location());
    return entry.value();
  }

  void error(String key, String message, String hint) {
    Location at = locations.getOrDefault(key, mapping.location());
    problems.add(Problem.error(at, host, path(key), message, hint));
  }

  /** A problem found elsewhere about this mapping's values, reported with the others. */
  void report(Problem problem) {
    problems.add(problem);
  }

  void warning(String key, String message, String hint) {
    Location at = locations.getOrDefault(key, mapping.location());
    problems.add(Problem.warning(at, host, path(key), message, hint));
  }

  /** A text value checked by {@code format}; {@code fallback} when absent or bad. */
  String text(String key, String fallback, Format format) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    if (!(node instanceof Scalar scalar)) {
      error(key, "expected " + format.description() + ", found " + node.kind(), format.example());
      return fallback;
    }
    Optional<String> rejection = format.check(scalar.text());
    if (rejection.isPresent()) {
      error(key, rejection.get(), format.example());
      return fallback;
    }
    return scalar.text();
  }

  /** A required text value, or {@code null} (reported) when it is missing or cannot be read. */
  String requiredText(String key, Format format) {
    return present(key) ? required(text(key, null, format)) : null;
  }

  /**
   * A whole number; {@code fallback} when absent or not a whole number. Whether it lies in {@code
   * domain} is a rule of {@code validate}; here the domain only words the hint.
   */
  Integer integer(String key, Integer fallback, Range domain) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    if (!(node instanceof Scalar scalar)
        || !scalar.text().strip().matches("-?\\d{1,10}")
        || !fitsAnInt(scalar.text().strip())) {
      error(
          key,
          "expected a whole number, found " + describe(node),
          "write a whole number from " + domain.min() + " to " + domain.max());
      return fallback;
    }
    return Integer.parseInt(scalar.text().strip());
  }

  /** A required whole number, or {@code null} (reported) when it is missing or cannot be read. */
  Integer requiredInteger(String key, Range domain) {
    return present(key) ? required(integer(key, null, domain)) : null;
  }

  /** A number of seconds such as 1 or 0.5; {@code fallback} when absent or not such a number. */
  BigDecimal seconds(String key, BigDecimal fallback) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    if (!(node instanceof Scalar scalar)
        || !scalar.text().strip().matches("\\d{1,6}(\\.\\d{1,6})?")) {
      error(
          key,
          "expected a number, found " + describe(node),
          "write a number of seconds greater than 0, such as 1 or 0.5");
      return fallback;
    }
    return new BigDecimal(scalar.text().strip());
  }

  boolean bool(String key, boolean fallback) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    if (node instanceof Scalar scalar) {
      switch (scalar.text().strip().toLowerCase()) {
        case "true", "yes", "on", "1":
          return true;
        case "false", "no", "off", "0":
          return false;
        default:
          break;
      }
    }
    error(
        key, "expected true or false, found " + describe(node), "write true or false (or 1 or 0)");
    return fallback;
  }

  /** A list of texts; a single text is a list of one. */
  List<String> texts(String key, List<String> fallback, Format format) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    List<CmdbNode> items = node instanceof Sequence sequence ? sequence.items() : List.of(node);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      CmdbNode item = items.get(i);
      String itemKey = node instanceof Sequence ? key + "[" + i + "]" : key;
      if (!(item instanceof Scalar scalar) || isNull(item)) {
        problems.add(
            Problem.error(
                item.location(),
                host,
                path(itemKey),
                "expected " + format.description() + ", found " + item.kind(),
                format.example()));
        continue;
      }
      format
          .check(scalar.text())
          .ifPresentOrElse(
              reason ->
                  problems.add(
                      Problem.error(
                          item.location(), host, path(itemKey), reason, format.example())),
              () -> values.add(scalar.text()));
    }
    return values;
  }

  /** The nested mapping of {@code key}, or {@code null} when absent or not a mapping. */
  Fields mapping(String key) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return null;
    }
    if (!(node instanceof Mapping nested)) {
      error(key, "expected a mapping of keys, found " + node.kind(), "write keys below " + key);
      return null;
    }
    return new Fields(nested, path(key), host, problems);
  }

  /**
   * Each mapping of the list under {@code key}, converted; items that are not mappings are
   * reported, and items converted to {@code null} (incomplete ones) are left out.
   */
  <T> List<T> list(String key, Function<Fields, T> convert) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return List.of();
    }
    if (!(node instanceof Sequence sequence)) {
      error(key, "expected a list, found " + node.kind(), "write a list with '- ' items");
      return List.of();
    }
    List<T> values = new ArrayList<>();
    for (int i = 0; i < sequence.items().size(); i++) {
      CmdbNode item = sequence.items().get(i);
      String itemPath = path(key) + "[" + i + "]";
      if (!(item instanceof Mapping itemMapping)) {
        problems.add(
            Problem.error(
                item.location(),
                host,
                itemPath,
                "expected a mapping of keys, found " + item.kind(),
                "write the item's keys, such as '- name: ...'"));
        continue;
      }
      Fields itemFields = new Fields(itemMapping, itemPath, host, problems);
      T value = convert.apply(itemFields);
      itemFields.rejectUnknownKeys();
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /**
   * Whether {@code key} is written empty: {@code ~}, nothing, {@code ''} or {@code []}. A key with
   * a documented default written so leaves its line out. Marks the key as known.
   */
  boolean cleared(String key) {
    CmdbNode node = node(key);
    return node != null
        && (isNull(node)
            || node instanceof Scalar scalar && scalar.text().isEmpty()
            || node instanceof Sequence sequence && sequence.items().isEmpty());
  }

  /** A text with a default: {@code fallback} when absent, empty when {@linkplain #cleared}. */
  String removableText(String key, String fallback, Format format) {
    return cleared(key) ? "" : text(key, fallback, format);
  }

  /** A number with a default: {@code fallback} when absent, {@code null} when cleared. */
  Integer removableInteger(String key, Integer fallback, Range domain) {
    return cleared(key) ? null : integer(key, fallback, domain);
  }

  /** Texts with a default: {@code fallback} when absent, none when cleared. */
  List<String> removableTexts(String key, List<String> fallback, Format format) {
    return cleared(key) ? List.of() : texts(key, fallback, format);
  }

  /** A flag with a default: {@code fallback} when absent, off when cleared. */
  boolean removableBool(String key, boolean fallback) {
    return !cleared(key) && bool(key, fallback);
  }

  /** One text of a list, with the place and key path it was written at. */
  record Item(String text, Location location, String key) {}

  /** The texts listed under {@code key} (a single text is a list of one), each with its place. */
  List<Item> items(String key, Format format) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return List.of();
    }
    List<CmdbNode> nodes = node instanceof Sequence sequence ? sequence.items() : List.of(node);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      CmdbNode item = nodes.get(i);
      String itemKey = path(node instanceof Sequence ? key + "[" + i + "]" : key);
      if (!(item instanceof Scalar scalar) || isNull(item)) {
        problems.add(
            Problem.error(
                item.location(),
                host,
                itemKey,
                "expected " + format.description() + ", found " + item.kind(),
                format.example()));
        continue;
      }
      Optional<String> rejection = format.check(scalar.text());
      if (rejection.isPresent()) {
        problems.add(
            Problem.error(item.location(), host, itemKey, rejection.get(), format.example()));
        continue;
      }
      items.add(new Item(scalar.text(), item.location(), itemKey));
    }
    return items;
  }

  /** The free lines listed under {@code key}. */
  List<FreeLine> freeLines(String key, Format format) {
    return items(key, format).stream()
        .map(item -> new FreeLine(item.text(), item.location(), item.key()))
        .toList();
  }

  /** One {@code keyword value} line per text listed under {@code key}. */
  List<Directive> directives(String key, String keyword, Format format) {
    return items(key, format).stream()
        .map(item -> new Directive(keyword, item.text(), item.location(), item.key()))
        .toList();
  }

  /** Where this mapping was written. */
  Location location() {
    return mapping.location();
  }

  /**
   * The mapping under {@code key} converted as one item, or each mapping of its list: for keys that
   * take one item or several.
   */
  <T> List<T> oneOrList(String key, Function<Fields, T> convert) {
    if (mapping.get(key) instanceof Sequence) {
      return list(key, convert);
    }
    Fields one = mapping(key);
    if (one == null) {
      return List.of();
    }
    T value = convert.apply(one);
    one.rejectUnknownKeys();
    return value == null ? List.of() : List.of(value);
  }

  /** Reports, with a did-you-mean, every key of this mapping that was never read. */
  void rejectUnknownKeys() {
    rejectUnknownKeys(read);
  }

  void rejectUnknownKeys(Collection<String> known) {
    for (Entry entry : mapping.entries().values()) {
      if (!known.contains(entry.key())) {
        problems.add(
            Problem.error(
                entry.keyLocation(),
                host,
                path(entry.key()),
                "unknown key '" + entry.key() + "'",
                Suggestions.didYouMean(entry.key(), known)));
      }
    }
  }

  private <T> T required(T value) {
    if (value == null) {
      complete = false;
    }
    return value;
  }

  private boolean present(String key) {
    CmdbNode node = mapping.get(key);
    if (node == null || isNull(node)) {
      complete = false;
      read.add(key);
      problems.add(
          Problem.error(
              mapping.location(),
              host,
              path(key),
              "required key '" + key + "' is missing",
              "add '" + key + ":' to " + (keyPath.isEmpty() ? "the CMDB" : keyPath)));
      return false;
    }
    return true;
  }

  private static boolean fitsAnInt(String digits) {
    long value = Long.parseLong(digits);
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
  }

  private static boolean isNull(CmdbNode node) {
    return node instanceof Scalar scalar && scalar.type() == ScalarType.NULL;
  }

  private static String describe(CmdbNode node) {
    return node instanceof Scalar scalar ? "'" + scalar.text() + "'" : node.kind();
  }
}
