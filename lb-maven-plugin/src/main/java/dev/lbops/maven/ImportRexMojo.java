package dev.lbops.maven;

import dev.lbops.core.Problem;
import dev.lbops.rex.RexImport;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns a Rex project (Rexfile, {@code server.ini}, {@code cmdb/}) into an lb-cluster project, and
 * reports in its {@code IMPORT-REPORT.md} what could not be carried over.
 */
@Mojo(name = "import-rex", requiresProject = false, threadSafe = true)
public class ImportRexMojo extends AbstractLbMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMPORT_REX_SKIP, defaultValue = "false")
  boolean skipImportRex;

  /**
   * The Rex project's folder: the one that holds its Rexfile, {@code server.ini} and {@code cmdb/}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REX_PROJECT, required = true)
  File rexProject;

  /**
   * Where the new project is made; it must not exist. By default a folder named as the Rex
   * project's, in the current folder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMPORT_DIRECTORY)
  File importDirectory;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  String pluginVersion;

  @Override
  protected String goal() {
    return "import-rex";
  }

  @Override
  protected boolean goalSkipped() {
    return skipImportRex;
  }

  @Override
  protected Work configure() throws MojoFailureException {
    Path from = rexProject.toPath().toAbsolutePath().normalize();
    Path to =
        importDirectory != null
            ? importDirectory.toPath().toAbsolutePath()
            : Path.of("").toAbsolutePath().resolve(from.getFileName().toString());
    return () -> {
      RexImport.Result result = RexImport.run(from, to, pluginVersion);
      getLog().info("Imported the Rex project " + from + " into " + result.directory());
      result
          .rexfile()
          .notCarried()
          .forEach(
              line ->
                  getLog()
                      .warn(
                          "Not carried over: Rexfile:"
                              + line.number()
                              + " '"
                              + line.text()
                              + "': "
                              + line.why()));
      result.problems().stream()
          .filter(Problem::isError)
          .forEach(problem -> getLog().warn("To fix before a deploy: " + problem.format()));
      getLog()
          .info(
              result.rexfile().notCarried().size()
                  + " Rexfile line(s) not carried over, "
                  + result.errors()
                  + " validation error(s), "
                  + (result.problems().size() - result.errors())
                  + " warning(s): see "
                  + result.directory().resolve(RexImport.REPORT));
    };
  }
}
