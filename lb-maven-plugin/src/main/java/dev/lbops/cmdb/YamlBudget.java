package dev.lbops.cmdb;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What one CMDB file may cost to read: its size, its nesting, its aliases, and the values it holds
 * once every alias is expanded (an alias of an alias of ... doubles them at each level: 851 bytes
 * can stand for 2^24 values). Checked on the parser's events, before anything is expanded, so that
 * the line where a limit is crossed can be named.
 */
final class YamlBudget {

  /** The largest CMDB file read. */
  static final int MAX_BYTES = 3 * 1024 * 1024;

  /** The deepest nesting of lists and mappings. */
  static final int MAX_DEPTH = 50;

  /** The most aliases of lists and mappings (SnakeYAML's own default). */
  static final int MAX_COLLECTION_ALIASES = 50;

  /** The most values a file may hold once its aliases are expanded. */
  static final int MAX_VALUES = 100_000;

  private final String file;
  private final Deque<Open> open = new ArrayDeque<>();
  private final Map<String, Long> anchorSizes = new HashMap<>();
  private final Set<String> openAnchors = new HashSet<>();
  private final Set<String> collectionAnchors = new HashSet<>();
  private long values;
  private int collectionAliases;

  /** A list or mapping being read: its anchor and the values it holds so far. */
  private static final class Open {
    final String anchor;
    long size = 1;

    Open(String anchor) {
      this.anchor = anchor;
    }
  }

  YamlBudget(String file) {
    this.file = file;
  }

  /** SnakeYAML's own limits, set to the same budget. */
  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true); // reported by the reader, with both lines
    return options;
  }

  /** The problem of the limit {@code event} crosses, or empty while within the budget. */
  Optional<Problem> take(Event event) {
    if (event instanceof CollectionStartEvent start) {
      if (open.size() >= MAX_DEPTH) {
        return exceeded(
            start.getStartMark(),
            "lists and mappings nest deeper than " + MAX_DEPTH + " levels",
            "flatten the structure");
      }
      open.push(new Open(start.getAnchor()));
      if (start.getAnchor() != null) {
        openAnchors.add(start.getAnchor());
      }
      return count(1, start.getStartMark());
    }
    if (event instanceof CollectionEndEvent) {
      Open closed = open.pop();
      if (closed.anchor != null) {
        anchorSizes.put(closed.anchor, closed.size);
        collectionAnchors.add(closed.anchor);
        openAnchors.remove(closed.anchor);
      }
      grow(closed.size);
      return Optional.empty();
    }
    if (event instanceof ScalarEvent scalar) {
      if (scalar.getAnchor() != null) {
        anchorSizes.put(scalar.getAnchor(), 1L);
        collectionAnchors.remove(scalar.getAnchor());
      }
      grow(1);
      return count(1, scalar.getStartMark());
    }
    if (event instanceof AliasEvent alias) {
      String anchor = alias.getAnchor();
      if (openAnchors.contains(anchor)) {
        return exceeded(
            alias.getStartMark(),
            "alias *" + anchor + " refers to the list or mapping it is in, which never ends",
            "refer only to a value written before the alias");
      }
      if (collectionAnchors.contains(anchor) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
        return exceeded(
            alias.getStartMark(),
            "more than " + MAX_COLLECTION_ALIASES + " aliases of lists or mappings",
            "write the values out, or use fewer aliases");
      }
      long size = anchorSizes.getOrDefault(anchor, 1L);
      grow(size);
      return count(size, alias.getStartMark());
    }
    return Optional.empty();
  }

  /** Adds a value of {@code size} (expanded) to the list or mapping it is in. */
  private void grow(long size) {
    if (!open.isEmpty()) {
      open.peek().size = saturated(open.peek().size + size);
    }
  }

  private Optional<Problem> count(long added, Mark at) {
    values = saturated(values + added);
    if (values > MAX_VALUES) {
      return exceeded(
          at,
          "the file holds more than "
              + MAX_VALUES
              + " values once its aliases are expanded; reading stopped here",
          "write the values out, or use fewer aliases of aliases");
    }
    return Optional.empty();
  }

  private static long saturated(long value) {
    return value < 0 ? Long.MAX_VALUE : value;
  }

  private Optional<Problem> exceeded(Mark mark, String message, String hint) {
    Location at =
        mark == null
            ? new Location(file, 0, 0)
            : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    return Optional.of(Problem.error(at, "", "", message, hint));
  }
}
