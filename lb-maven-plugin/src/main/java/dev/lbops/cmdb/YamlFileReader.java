package dev.lbops.cmdb;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.ScalarType;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.TextFiles;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/** Reads one CMDB YAML file into {@link CmdbNode}s that remember their file, line and column. */
public final class YamlFileReader {

  /**
   * Reads {@code file}; an empty file is an empty mapping.
   *
   * @throws ProblemsException naming the file and line when the file cannot be read as UTF-8, is
   *     not valid YAML, exceeds the {@link YamlBudget}, has a duplicate key, or its top level is
   *     not a mapping
   */
  public Mapping read(Path file, String displayName) {
    String text = TextFiles.read(file, displayName, "CMDB file", YamlBudget.MAX_BYTES);
    Node root;
    try {
      YamlBudget budget = new YamlBudget(displayName);
      Yaml yaml = new Yaml(new SafeConstructor(YamlBudget.loaderOptions()));
      for (Event event : yaml.parse(new StringReader(text))) {
        Optional<Problem> exceeded = budget.take(event);
        if (exceeded.isPresent()) {
          throw new ProblemsException(
              "CMDB file " + displayName + " is too costly to read", List.of(exceeded.get()));
        }
      }
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ProblemsException(
          "CMDB file " + displayName + " is not valid YAML",
          List.of(
              Problem.error(
                  location(displayName, mark),
                  "",
                  "",
                  "invalid YAML: " + e.getProblem(),
                  "correct the YAML syntax at this line")));
    } catch (ReaderException e) {
      throw new ProblemsException(
          "CMDB file " + displayName + " is not valid YAML",
          List.of(
              Problem.error(
                  new Location(displayName, lineOf(text, e.getPosition()), 0),
                  "",
                  "",
                  String.format("the character U+%04X is not allowed in YAML", e.getCodePoint()),
                  "remove it")));
    } catch (YAMLException e) {
      throw new ProblemsException(
          "CMDB file " + displayName + " is not valid YAML",
          List.of(
              Problem.error(
                  new Location(displayName, 0, 0),
                  "",
                  "",
                  "invalid YAML: " + e.getMessage(),
                  "correct the YAML syntax")));
    }
    if (root == null) {
      return Mapping.empty(new Location(displayName, 1, 1));
    }
    List<Problem> problems = new ArrayList<>();
    CmdbNode node = convert(root, displayName, problems, 0);
    if (!(node instanceof Mapping mapping)) {
      problems.add(
          Problem.error(
              node.location(),
              "",
              "",
              "the top level of a CMDB file must be a mapping of keys, found " + node.kind(),
              "write keys such as 'maxconn: 4096' at the top level"));
      throw new ProblemsException("CMDB file " + displayName + " is not usable", problems);
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException("CMDB file " + displayName + " is not usable", problems);
    }
    return mapping;
  }

  /** The 1-based line of the {@code position}-th code point of {@code text}. */
  private static int lineOf(String text, int position) {
    int line = 1;
    int index = 0;
    for (int i = 0; i < text.length() && index < position; i = text.offsetByCodePoints(i, 1)) {
      if (text.charAt(i) == '\n') {
        line++;
      }
      index++;
    }
    return line;
  }

  /**
   * The node as a {@link CmdbNode}, aliases expanded; the {@link YamlBudget} bounds the work, and
   * the depth is bounded again here, as what an unexpected node graph would cost is a stack.
   */
  private CmdbNode convert(Node node, String file, List<Problem> problems, int depth) {
    Location location = location(file, node.getStartMark());
    if (depth > YamlBudget.MAX_DEPTH) {
      throw new ProblemsException(
          "CMDB file " + file + " is too costly to read",
          List.of(
              Problem.error(
                  location,
                  "",
                  "",
                  "lists and mappings nest deeper than " + YamlBudget.MAX_DEPTH + " levels",
                  "flatten the structure")));
    }
    if (node instanceof ScalarNode scalar) {
      return new CmdbNode.Scalar(scalar.getValue(), scalarType(scalar.getTag()), location);
    }
    if (node instanceof SequenceNode sequence) {
      List<CmdbNode> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, file, problems, depth + 1));
      }
      return new CmdbNode.Sequence(items, location);
    }
    MappingNode mapping = (MappingNode) node;
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Location keyLocation = location(file, keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        problems.add(
            Problem.error(keyLocation, "", "", "a key must be plain text", "use a plain key"));
        continue;
      }
      String key = keyScalar.getValue();
      if (entries.containsKey(key)) {
        problems.add(
            Problem.error(
                keyLocation,
                "",
                key,
                "duplicate key (first written at line "
                    + entries.get(key).keyLocation().line()
                    + ")",
                "keep one of the two"));
        continue;
      }
      entries.put(
          key,
          new Entry(key, keyLocation, convert(tuple.getValueNode(), file, problems, depth + 1)));
    }
    return new Mapping(entries, location);
  }

  private static ScalarType scalarType(Tag tag) {
    if (Tag.INT.equals(tag)) {
      return ScalarType.INTEGER;
    }
    if (Tag.FLOAT.equals(tag)) {
      return ScalarType.FLOAT;
    }
    if (Tag.BOOL.equals(tag)) {
      return ScalarType.BOOLEAN;
    }
    if (Tag.NULL.equals(tag)) {
      return ScalarType.NULL;
    }
    return ScalarType.STRING;
  }

  private static Location location(String file, Mark mark) {
    return mark == null
        ? new Location(file, 0, 0)
        : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
