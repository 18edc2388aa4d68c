package dev.lbops.model;

import dev.lbops.core.Location;

/**
 * A line of configuration written as is into a section, for what no dedicated key says. Checked by
 * one rule for every section of both files: it may not open a section, nor say what a dedicated key
 * owns (a secret, a bind, a VIP, a command).
 *
 * @param location where the line was written in the CMDB
 * @param key its CMDB key path, such as {@code frontends[0].lines[2]}
 */
public record FreeLine(String text, Location location, String key) {

  /** The line's first word, lower case, or empty for a blank line. */
  public String keyword() {
    String stripped = text.strip();
    int space = stripped.indexOf(' ');
    return (space < 0 ? stripped : stripped.substring(0, space)).toLowerCase();
  }
}
