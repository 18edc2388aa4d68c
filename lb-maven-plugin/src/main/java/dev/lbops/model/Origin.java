package dev.lbops.model;

import dev.lbops.core.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model element and each of its fields were written, so that checks across fields and hosts
 * can name the line of the value at fault.
 *
 * @param keyPath the CMDB key path of the element, such as {@code vrrp_instances[0]}
 */
public record Origin(String keyPath, Location location, Map<String, Location> fields) {

  public Origin {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Where {@code field} was written; the element's own place when it was not written. */
  public Location of(String field) {
    return fields.getOrDefault(field, location);
  }

  /** Whether {@code field} was written, rather than left to its default. */
  public boolean written(String field) {
    return fields.containsKey(field);
  }

  /** The key path of {@code field}, such as {@code vrrp_instances[0].priority}. */
  public String key(String field) {
    return keyPath.isEmpty() ? field : keyPath + "." + field;
  }
}
