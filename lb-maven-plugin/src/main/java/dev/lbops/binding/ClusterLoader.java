package dev.lbops.binding;

import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.ResolvedCmdb;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import dev.lbops.inventory.Inventory;
import dev.lbops.inventory.ServerIniReader;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the inventory and each host's CMDB into the typed {@link Cluster}. */
public final class ClusterLoader {

  private final CredentialSource credentials;

  public ClusterLoader(CredentialSource credentials) {
    this.credentials = credentials;
  }

  public LoadedCluster load(ClusterSpec spec) {
    return load(spec, Map.of());
  }

  /**
   * Loads the cluster, giving each host the operating system of {@code operatingSystems} (host name
   * to OS, as read from the hosts) unless the inventory names one.
   */
  public LoadedCluster load(ClusterSpec spec, Map<String, String> operatingSystems) {
    List<Problem> problems = new ArrayList<>();
    Inventory inventory = withOperatingSystems(inventory(spec), operatingSystems);
    problems.addAll(inventory.problems());
    Set<String> names = new HashSet<>();
    for (Host host : inventory.hosts()) {
      if (!names.add(host.name())) {
        problems.add(
            Problem.error(
                host.location(),
                host.name(),
                "",
                "host '" + host.name() + "' is declared twice",
                "declare each host once"));
      }
    }
    Cmdb cmdb =
        new Cmdb(spec.cmdbDirectory(), spec.lookupPath(), spec.mergeStrategy(), spec.listMerge());
    List<HostConfig> hosts = new ArrayList<>();
    if (!Files.isDirectory(spec.cmdbDirectory())) {
      problems.add(
          Problem.error(
              Location.of(spec.cmdbDirectory()),
              "",
              "",
              "the CMDB directory does not exist",
              "create it with a default.yml, or point -Dlb.cmdbDirectory at your cmdb/ folder"));
      return new LoadedCluster(new Cluster(hosts), inventory.hosts(), cmdb, problems);
    }
    ModelBinder binder = new ModelBinder(credentials);
    for (Host host : inventory.hosts()) {
      try {
        ResolvedCmdb resolved = cmdb.resolve(host.lookupMacros(spec.environment()));
        if (resolved.files().isEmpty()) {
          problems.add(
              Problem.error(
                  host.location(),
                  host.name(),
                  "",
                  "no CMDB file applies to this host",
                  "add "
                      + spec.cmdbDirectory().resolve("default.yml")
                      + " or "
                      + spec.cmdbDirectory().resolve(host.name() + ".yml")));
          continue;
        }
        hosts.add(binder.bind(host, resolved, problems));
      } catch (ProblemsException e) {
        e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    return new LoadedCluster(new Cluster(hosts), inventory.hosts(), cmdb, problems);
  }

  private static Inventory withOperatingSystems(
      Inventory inventory, Map<String, String> operatingSystems) {
    return new Inventory(
        inventory.hosts().stream()
            .map(
                host ->
                    host.os().isEmpty() && !operatingSystems.getOrDefault(host.name(), "").isEmpty()
                        ? host.withOs(operatingSystems.get(host.name()))
                        : host)
            .toList(),
        inventory.problems());
  }

  private static Inventory inventory(ClusterSpec spec) {
    if (!spec.declaredHosts().isEmpty()) {
      List<Host> hosts =
          spec.declaredHosts().stream()
              .filter(host -> host.groups().isEmpty() || host.groups().contains(spec.group()))
              .toList();
      List<Problem> problems =
          hosts.isEmpty()
              ? List.of(
                  Problem.error(
                      Location.UNKNOWN,
                      "",
                      "hosts",
                      "no declared host is in group '" + spec.group() + "'",
                      "add <groups><group>"
                          + spec.group()
                          + "</group></groups> to the hosts, or choose a group with -Dlb.group"))
              : List.of();
      return new Inventory(hosts, problems);
    }
    if (spec.inventoryFile() != null && Files.isRegularFile(spec.inventoryFile())) {
      return new ServerIniReader().read(spec.inventoryFile(), spec.group());
    }
    return new Inventory(
        List.of(),
        List.of(
            Problem.error(
                spec.inventoryFile() == null ? Location.UNKNOWN : Location.of(spec.inventoryFile()),
                "",
                "hosts",
                "no hosts: nothing is declared and there is no inventory file",
                "declare <hosts> in the plugin's configuration, or write a Rex server.ini and pass -Dlb.inventory=server.ini")));
  }
}
