package dev.lbops.maven;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.ListMerge;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.Location;
import dev.lbops.inventory.Host;
import dev.lbops.operations.ClusterOperations;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import org.apache.maven.model.InputLocation;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** The base of the goals that work on a cluster definition: its hosts and its CMDB. */
public abstract class AbstractClusterMojo extends AbstractLbMojo {

  /**
   * The hosts of the cluster. When none are declared, the Rex inventory {@code lb.inventory} is
   * read instead. Declared in the pom only: it has no property.
   *
   * @since 0.1.0
   */
  @Parameter List<HostParameter> hosts = List.of();

  /**
   * A Rex {@code server.ini} to read the hosts from when no {@code <hosts>} are declared.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INVENTORY, defaultValue = "${basedir}/server.ini")
  File inventory;

  /**
   * The inventory group of the load balancers.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.GROUP, defaultValue = "lb")
  String group;

  /**
   * The CMDB directory.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CMDB_DIRECTORY, defaultValue = "${basedir}/cmdb")
  File cmdbDirectory;

  /**
   * The {@code {environment}} of the CMDB lookup path, as Rex's {@code -E}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ENVIRONMENT, defaultValue = "default")
  String environment;

  /**
   * The CMDB lookup path: file name templates below the CMDB directory, most specific first. Any
   * host attribute can be a macro. Defaults to Rex 0.51's path.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOOKUP_PATH)
  List<String> lookupPath;

  /**
   * How the files of the lookup path combine: {@code first-wins} (Rex: the first file with a value
   * wins, hashes deep-merged) or {@code last-wins} (later files override earlier ones).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MERGE_STRATEGY, defaultValue = "first-wins")
  String mergeStrategy;

  /**
   * How lists combine across the files of the lookup path: {@code never} (the reference: a list
   * comes whole from the file that wins) or {@code by-name} (lists of items with a {@code name}
   * merge item by item, so a host file can change one field of one frontend).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LIST_MERGE, defaultValue = "never")
  String listMerge;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution execution;

  private static final String SHOWN_WARNINGS = "dev.lbops.shownWarnings";

  private final ServerDecryption serverDecryption;

  @Inject
  protected AbstractClusterMojo(ServerDecryption serverDecryption) {
    this.serverDecryption = serverDecryption;
  }

  @Override
  protected final Work configure() throws MojoFailureException {
    return configure(
        new ClusterOperations(
            clusterSpec(),
            new MavenSettingsCredentials(
                settings,
                serverDecryption,
                session == null ? null : session.getRequest().getUserSettingsFile()),
            log(),
            shownWarnings()));
  }

  /**
   * Reads and checks the goal's own parameters; returns the work that runs the core on the cluster
   * with them.
   */
  protected abstract Work configure(ClusterOperations cluster) throws MojoFailureException;

  /** The warnings shown by this plugin's goals so far in this project's build. */
  @SuppressWarnings("unchecked")
  private Set<String> shownWarnings() {
    Object shown = project == null ? null : project.getContextValue(SHOWN_WARNINGS);
    if (shown instanceof Set<?> set) {
      return (Set<String>) set;
    }
    Set<String> created = ConcurrentHashMap.newKeySet();
    if (project != null) {
      project.setContextValue(SHOWN_WARNINGS, created);
    }
    return created;
  }

  /** The project named in rendered files' headers; a build without a pom is named by its folder. */
  protected String producedFor() {
    if (project == null || project.getBasedir() == null) {
      return "folder " + cmdbDirectory.getAbsoluteFile().getParentFile().getName();
    }
    return project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
  }

  /** The title of the verify report: the project's name. */
  protected String reportTitle() {
    return project != null && project.getBasedir() != null
        ? project.getName()
        : "Load-balancer cluster";
  }

  private ClusterSpec clusterSpec() throws MojoFailureException {
    List<Host> declared = hosts == null ? List.of() : DeclaredHosts.of(hosts, this::declaredAt);
    return new ClusterSpec(
        declared,
        inventory == null ? null : inventory.toPath(),
        Parameters.word(PropertyNames.GROUP, group),
        cmdbDirectory.toPath(),
        lookupPath == null || lookupPath.isEmpty()
            ? Cmdb.REX_LOOKUP_PATH
            : Parameters.lookupPath(PropertyNames.LOOKUP_PATH, lookupPath),
        Choices.one(PropertyNames.MERGE_STRATEGY, mergeStrategy, MergeStrategy.class),
        Parameters.segment(PropertyNames.ENVIRONMENT, environment),
        listMerge == null
            ? ListMerge.NEVER
            : Choices.one(PropertyNames.LIST_MERGE, listMerge, ListMerge.class));
  }

  /**
   * Where the i-th {@code <host>} was written: the pom, at its line when Maven kept it (the
   * execution's configuration remembers where each element was read).
   */
  private Location declaredAt(int index) {
    if (project == null || project.getFile() == null) {
      return new Location("<hosts>", 0, 0);
    }
    String pom = Location.display(project.getFile().toPath());
    Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
    Xpp3Dom declared = configuration == null ? null : configuration.getChild("hosts");
    int line =
        declared != null && index < declared.getChildCount()
            ? lineOf(declared.getChild(index).getInputLocation())
            : 0;
    return new Location(pom, line, 0);
  }

  /**
   * The line of an element's input location: Maven 3's {@link InputLocation}, or Maven 4's own type
   * of the same shape (its API is not this plugin's to compile against); 0 when unknown.
   */
  private static int lineOf(Object location) {
    if (location instanceof InputLocation at) {
      return Math.max(0, at.getLineNumber());
    }
    if (location == null) {
      return 0;
    }
    try {
      return Math.max(0, (Integer) location.getClass().getMethod("getLineNumber").invoke(location));
    } catch (ReflectiveOperationException | ClassCastException e) {
      return 0;
    }
  }
}
