package dev.lbops.binding;

import dev.lbops.cmdb.Cmdb;
import dev.lbops.core.Problem;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import java.util.List;

/**
 * A cluster as read, with every problem found on the way.
 *
 * @param inventoryHosts every host of the inventory, also those whose CMDB could not be read
 */
public record LoadedCluster(
    Cluster cluster, List<Host> inventoryHosts, Cmdb cmdb, List<Problem> problems) {

  public LoadedCluster {
    inventoryHosts = List.copyOf(inventoryHosts);
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}
