package dev.lbops.cmdb;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.Scalar;
import dev.lbops.cmdb.CmdbNode.Sequence;
import dev.lbops.core.Shown;

/**
 * Writes a resolved value as YAML, each line followed by the file:line that supplied it; keys and
 * values shown with their control and invisible characters escaped.
 */
public final class ProvenanceWriter {

  private static final int COMMENT_COLUMN = 48;

  public String write(Entry entry) {
    StringBuilder out = new StringBuilder();
    if (entry.value() instanceof Scalar scalar) {
      line(out, entry.key() + ": " + scalar.text(), scalar);
    } else {
      line(out, entry.key() + ":", entry.value());
      children(out, entry.value(), "  ");
    }
    return out.toString();
  }

  private void children(StringBuilder out, CmdbNode node, String indent) {
    if (node instanceof Mapping mapping) {
      for (Entry entry : mapping.entries().values()) {
        member(out, indent, entry.key() + ":", entry.value(), indent + "  ");
      }
    } else if (node instanceof Sequence sequence) {
      for (CmdbNode item : sequence.items()) {
        if (item instanceof Mapping mapping && !mapping.entries().isEmpty()) {
          String itemIndent = indent + "  ";
          boolean first = true;
          for (Entry entry : mapping.entries().values()) {
            String prefix = first ? indent + "- " : itemIndent;
            member(out, prefix, entry.key() + ":", entry.value(), itemIndent + "  ");
            first = false;
          }
        } else {
          member(out, indent + "- ", "", item, indent + "  ");
        }
      }
    }
  }

  private void member(
      StringBuilder out, String prefix, String label, CmdbNode value, String childIndent) {
    if (value instanceof Scalar scalar) {
      line(out, prefix + (label.isEmpty() ? "" : label + " ") + scalar.text(), scalar);
    } else {
      line(out, prefix + label, value);
      children(out, value, childIndent);
    }
  }

  /** One line of output: a key or value holding a line break cannot start a line of its own. */
  private static void line(StringBuilder out, String text, CmdbNode node) {
    String shown = Shown.escaped(text);
    out.append(shown);
    out.append(" ".repeat(Math.max(1, COMMENT_COLUMN - shown.length())));
    out.append("# ").append(Shown.escaped(node.location().toString())).append('\n');
  }
}
