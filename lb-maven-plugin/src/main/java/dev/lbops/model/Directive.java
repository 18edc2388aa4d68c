package dev.lbops.model;

import dev.lbops.core.Location;

/**
 * A line a dedicated key writes, {@code keyword value}, such as {@code option httplog} or {@code
 * timeout client 30s}; the value may be empty ({@code daemon}).
 *
 * @param location where its value was written in the CMDB
 * @param key its CMDB key path, such as {@code backends[0].option[1]}
 */
public record Directive(String keyword, String value, Location location, String key) {

  /** The first word of the value, such as the action of an {@code http-request} rule. */
  public String firstWord() {
    String stripped = value.strip();
    int space = stripped.indexOf(' ');
    return space < 0 ? stripped : stripped.substring(0, space);
  }
}
