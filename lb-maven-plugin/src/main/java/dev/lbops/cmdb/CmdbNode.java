package dev.lbops.cmdb;

import dev.lbops.core.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CMDB value as read from YAML, remembering the file, line and column it came from. */
public sealed interface CmdbNode permits CmdbNode.Scalar, CmdbNode.Sequence, CmdbNode.Mapping {

  Location location();

  /** The YAML kind of the value, for messages such as "expected a list, found a mapping". */
  String kind();

  /** A single value; {@code type} is what YAML 1.1 resolved the plain text to. */
  record Scalar(String text, ScalarType type, Location location) implements CmdbNode {
    @Override
    public String kind() {
      return type == ScalarType.NULL
          ? "an empty value"
          : "a " + type.name().toLowerCase() + " value";
    }
  }

  /** A YAML list. */
  record Sequence(List<CmdbNode> items, Location location) implements CmdbNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A YAML mapping; keys keep their order and the place each key was written. */
  record Mapping(Map<String, Entry> entries, Location location) implements CmdbNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Mapping empty(Location location) {
      return new Mapping(Map.of(), location);
    }

    public CmdbNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** One key of a mapping: where the key was written and its value. */
  record Entry(String key, Location keyLocation, CmdbNode value) {}

  /** The type YAML gave a scalar. */
  enum ScalarType {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL
  }
}
