package dev.lbops.binding;

import dev.lbops.cmdb.ListMerge;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.inventory.Host;
import java.nio.file.Path;
import java.util.List;

/**
 * What defines a cluster: its hosts (declared, or read from a Rex {@code server.ini}) and the CMDB
 * that configures them.
 *
 * @param declaredHosts hosts declared in the build; when empty, {@code inventoryFile} is read
 * @param group the inventory group of the load balancers
 * @param environment the {@code {environment}} of the lookup path
 * @param listMerge whether lists of named items merge across the files of the lookup path
 */
public record ClusterSpec(
    List<Host> declaredHosts,
    Path inventoryFile,
    String group,
    Path cmdbDirectory,
    List<String> lookupPath,
    MergeStrategy mergeStrategy,
    String environment,
    ListMerge listMerge) {

  public ClusterSpec {
    declaredHosts = List.copyOf(declaredHosts);
    lookupPath = List.copyOf(lookupPath);
  }

  /** A cluster whose lists are never merged, as in the reference. */
  public ClusterSpec(
      List<Host> declaredHosts,
      Path inventoryFile,
      String group,
      Path cmdbDirectory,
      List<String> lookupPath,
      MergeStrategy mergeStrategy,
      String environment) {
    this(
        declaredHosts,
        inventoryFile,
        group,
        cmdbDirectory,
        lookupPath,
        mergeStrategy,
        environment,
        ListMerge.NEVER);
  }
}
