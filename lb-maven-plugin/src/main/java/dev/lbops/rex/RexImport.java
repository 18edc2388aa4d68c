package dev.lbops.rex;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.binding.LoadedCluster;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.Problem;
import dev.lbops.core.Templates;
import dev.lbops.validate.ClusterValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a Rex project (its Rexfile, {@code server.ini} and {@code cmdb/}) into an lb-cluster
 * project: the inventory and the CMDB as they are (the plugin reads them as Rex does), a pom for
 * the group the Rexfile's setup task runs on, a settings.xml snippet, a README, and {@code
 * IMPORT-REPORT.md} with what could not be carried over and what the plugin's validation finds.
 */
public final class RexImport {

  /** The report's file name in the imported project. */
  public static final String REPORT = "IMPORT-REPORT.md";

  /**
   * What an import made.
   *
   * @param problems what validating the imported cluster found (legacy keys, passwords in the
   *     inventory, rules the reference breaks), each once for all the hosts it concerns
   */
  public record Result(
      Path directory, Rexfile rexfile, boolean hadRexfile, List<Problem> problems) {

    public Result {
      problems = List.copyOf(problems);
    }

    public long errors() {
      return problems.stream().filter(Problem::isError).count();
    }
  }

  private static final Templates TEMPLATES =
      Templates.bundled("dev/lbops/rex/", Templates.Escaping.NONE);

  private RexImport() {}

  /**
   * Imports {@code rexProject} into {@code target}, which must not exist yet; nothing is written
   * when the Rex project lacks its inventory or CMDB.
   *
   * @param pluginVersion the version of this plugin the new project's pom names
   */
  public static Result run(Path rexProject, Path target, String pluginVersion) {
    Path inventory = rexProject.resolve("server.ini");
    Path cmdb = rexProject.resolve("cmdb");
    if (!Files.isRegularFile(inventory) || !Files.isDirectory(cmdb)) {
      throw new RexImportException(
          "lb.rexProject "
              + rexProject
              + " is not a Rex project: it needs a server.ini and a cmdb/ folder (fix: point"
              + " -Dlb.rexProject at the folder that holds the Rexfile)");
    }
    if (Files.exists(target)) {
      throw new RexImportException(
          target
              + " exists: an import never writes over a folder (fix: remove it, or import"
              + " elsewhere with -Dlb.importDirectory=DIR)");
    }
    Path rexfilePath = rexProject.resolve("Rexfile");
    boolean hadRexfile = Files.isRegularFile(rexfilePath);
    Rexfile rexfile = hadRexfile ? Rexfile.read(read(rexfilePath)) : Rexfile.absent();
    String artifactId = artifactId(target);

    copyTree(rexProject, target, inventory);
    copyTree(rexProject, target, cmdb);
    List<Problem> problems = validate(target, rexfile.group());
    Result result = new Result(target, rexfile, hadRexfile, problems);
    Map<String, Object> scope =
        Map.of(
            "artifactId",
            artifactId,
            "group",
            rexfile.group(),
            "pluginVersion",
            pluginVersion,
            "rexProject",
            rexProject.toAbsolutePath().normalize().toString());
    write(target.resolve("pom.xml"), TEMPLATES.render("pom.xml.mustache", scope));
    write(target.resolve("README.md"), TEMPLATES.render("README.md.mustache", scope));
    write(
        target.resolve("settings-snippet.xml"),
        TEMPLATES.render("settings-snippet.xml.mustache", scope));
    write(
        target.resolve(REPORT),
        TEMPLATES.render("IMPORT-REPORT.md.mustache", report(result, scope)));
    return result;
  }

  private static List<Problem> validate(Path project, String group) {
    ClusterSpec spec =
        new ClusterSpec(
            List.of(),
            project.resolve("server.ini"),
            group,
            project.resolve("cmdb"),
            Cmdb.REX_LOOKUP_PATH,
            MergeStrategy.FIRST_WINS,
            "default");
    LoadedCluster loaded = new ClusterLoader(CredentialSource.NONE).load(spec);
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(new ClusterValidator().validate(loaded.cluster(), loaded.problems()));
    return Problem.mergeHosts(problems);
  }

  private static Map<String, Object> report(Result result, Map<String, Object> scope) {
    List<Map<String, String>> lines =
        result.rexfile().notCarried().stream()
            .map(
                line ->
                    Map.of(
                        "number", String.valueOf(line.number()),
                        "text", line.text().replace('`', '\''),
                        "why", line.why()))
            .toList();
    List<Map<String, String>> found =
        result.problems().stream()
            .map(
                problem ->
                    Map.of(
                        "severity",
                        problem.isError() ? "error" : "warning",
                        "text",
                        problem.format().replace(result.directory().toString() + "/", "")))
            .toList();
    return Map.of(
        "project",
        scope,
        "hadRexfile",
        result.hadRexfile(),
        "modules",
        String.join(", ", result.rexfile().modules()),
        "notCarried",
        lines,
        "nothingLeft",
        lines.isEmpty(),
        "problems",
        found,
        "clean",
        found.isEmpty());
  }

  /** The folder's name as a Maven artifactId: lower case, letters, digits and dashes. */
  static String artifactId(Path target) {
    String name =
        target.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    String id = name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return id.isEmpty() ? "lb-cluster" : id;
  }

  private static void copyTree(Path from, Path to, Path entry) {
    try (Stream<Path> files = Files.walk(entry)) {
      for (Path file : files.toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + entry + " to " + to, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
