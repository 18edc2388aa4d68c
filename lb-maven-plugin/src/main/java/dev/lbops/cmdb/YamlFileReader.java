package dev.lbops.cmdb;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.ScalarType;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads one CMDB YAML file into {@link CmdbNode}s that remember their file, line and column. */
public final class YamlFileReader {

  /**
   * Reads {@code file}; an empty file is an empty mapping.
   *
   * @throws ProblemsException when the file is not valid YAML, has a duplicate key, or its top
   *     level is not a mapping
   */
  public Mapping read(Path file, String displayName) {
    Node root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
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
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CMDB file " + file, e);
    }
    if (root == null) {
      return Mapping.empty(new Location(displayName, 1, 1));
    }
    List<Problem> problems = new ArrayList<>();
    CmdbNode node = convert(root, displayName, problems);
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

  private CmdbNode convert(Node node, String file, List<Problem> problems) {
    Location location = location(file, node.getStartMark());
    if (node instanceof ScalarNode scalar) {
      return new CmdbNode.Scalar(scalar.getValue(), scalarType(scalar.getTag()), location);
    }
    if (node instanceof SequenceNode sequence) {
      List<CmdbNode> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, file, problems));
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
      entries.put(key, new Entry(key, keyLocation, convert(tuple.getValueNode(), file, problems)));
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
