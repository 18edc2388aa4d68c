package dev.lbops.maven;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.Location;
import dev.lbops.inventory.Host;
import dev.lbops.operations.ClusterOperations;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;

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

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

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
            new MavenSettingsCredentials(settings, serverDecryption),
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
    List<Host> declared = hosts == null ? List.of() : hosts.stream().map(this::host).toList();
    return new ClusterSpec(
        declared,
        inventory == null ? null : inventory.toPath(),
        group,
        cmdbDirectory.toPath(),
        lookupPath == null || lookupPath.isEmpty() ? Cmdb.REX_LOOKUP_PATH : lookupPath,
        Choices.one(PropertyNames.MERGE_STRATEGY, mergeStrategy, MergeStrategy.class),
        environment);
  }

  private Host host(HostParameter parameter) {
    Location declaredAt =
        project != null && project.getFile() != null
            ? new Location(Location.display(project.getFile().toPath()), 0, 0)
            : new Location("<hosts>", 0, 0);
    return new Host(
        parameter.name,
        parameter.address,
        parameter.port,
        parameter.user,
        parameter.serverId,
        parameter.os,
        parameter.groups == null ? List.of() : parameter.groups,
        parameter.attributes == null ? Map.of() : parameter.attributes,
        null,
        "",
        false,
        declaredAt);
  }
}
