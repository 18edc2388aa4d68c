package dev.lbops.binding;

import dev.lbops.cmdb.CmdbNode;
import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.Scalar;
import dev.lbops.cmdb.CmdbNode.ScalarType;
import dev.lbops.cmdb.CmdbNode.Sequence;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.model.Origin;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the typed fields of one CMDB mapping, recording a problem for each bad value (and a
 * harmless fallback in its place) so that every problem is reported at once.
 */
final class Fields {

  private final Mapping mapping;
  private final String keyPath;
  private final String host;
  private final List<Problem> problems;
  private final Set<String> read = new LinkedHashSet<>();
  private final Map<String, Location> locations = new LinkedHashMap<>();

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
    return format
        .check(scalar.text())
        .map(
            reason -> {
              error(key, reason, format.example());
              return fallback;
            })
        .orElse(scalar.text());
  }

  String requiredText(String key, Format format) {
    if (!present(key)) {
      return "";
    }
    return text(key, "", format);
  }

  Integer integer(String key, Integer fallback, long min, long max) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    String hint = "write a whole number from " + min + " to " + max;
    if (!(node instanceof Scalar scalar) || !scalar.text().strip().matches("-?\\d{1,10}")) {
      error(key, "expected a whole number, found " + describe(node), hint);
      return fallback;
    }
    long value = Long.parseLong(scalar.text().strip());
    if (value < min || value > max) {
      error(key, value + " is out of range " + min + ".." + max, hint);
      return fallback;
    }
    return (int) value;
  }

  int requiredInteger(String key, long min, long max) {
    if (!present(key)) {
      return 0;
    }
    Integer value = integer(key, null, min, max);
    return value == null ? 0 : value;
  }

  BigDecimal positiveDecimal(String key, BigDecimal fallback) {
    CmdbNode node = node(key);
    if (node == null || isNull(node)) {
      return fallback;
    }
    String hint = "write a number of seconds greater than 0, such as 1 or 0.5";
    if (!(node instanceof Scalar scalar)
        || !scalar.text().strip().matches("\\d{1,6}(\\.\\d{1,6})?")) {
      error(key, "expected a number, found " + describe(node), hint);
      return fallback;
    }
    BigDecimal value = new BigDecimal(scalar.text().strip());
    if (value.signum() <= 0) {
      error(key, "must be greater than 0", hint);
      return fallback;
    }
    return value;
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
   * reported.
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
      values.add(value);
    }
    return values;
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

  private boolean present(String key) {
    CmdbNode node = mapping.get(key);
    if (node == null || isNull(node)) {
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

  private static boolean isNull(CmdbNode node) {
    return node instanceof Scalar scalar && scalar.type() == ScalarType.NULL;
  }

  private static String describe(CmdbNode node) {
    return node instanceof Scalar scalar ? "'" + scalar.text() + "'" : node.kind();
  }
}
