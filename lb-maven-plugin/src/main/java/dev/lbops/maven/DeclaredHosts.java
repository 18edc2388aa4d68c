package dev.lbops.maven;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import dev.lbops.inventory.HostChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The pom's {@code <hosts>} as the core's hosts, each checked by {@link HostChecks} exactly as a
 * server.ini host is; a problem names the element, such as {@code <hosts><host>[2]<name>}.
 */
final class DeclaredHosts {

  private DeclaredHosts() {}

  /**
   * @param declaredAt where the i-th (0-based) {@code <host>} was written: the pom, and its line
   *     where Maven knows it
   * @throws ProblemsException listing every problem of every host, before anything runs
   */
  static List<Host> of(List<HostParameter> parameters, IntFunction<Location> declaredAt) {
    List<Host> hosts = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (parameters.size() > HostChecks.MAX_HOSTS) {
      problems.add(
          Problem.error(
              declaredAt.apply(HostChecks.MAX_HOSTS),
              "",
              "<hosts>",
              parameters.size()
                  + " hosts are declared, more than the "
                  + HostChecks.MAX_HOSTS
                  + " an inventory may list",
              "split the hosts into several projects or groups"));
    }
    for (int i = 0; i < parameters.size() && i < HostChecks.MAX_HOSTS; i++) {
      HostParameter parameter = parameters.get(i);
      String element = "<hosts><host>[" + (i + 1) + "]";
      if (parameter == null) {
        problems.add(
            Problem.error(
                declaredAt.apply(i),
                "",
                element,
                "an empty <host>",
                "give it at least a <name>, or remove it"));
        continue;
      }
      Host host =
          new Host(
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
              declaredAt.apply(i));
      List<Problem> found =
          HostChecks.problems(
              host,
              field ->
                  field.startsWith("attributes.")
                      ? element + "<attributes><" + field.substring("attributes.".length()) + ">"
                      : element + "<" + field + ">");
      problems.addAll(found);
      hosts.add(host);
    }
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new ProblemsException(
          "The <hosts> of the plugin's configuration have errors:", problems);
    }
    return hosts;
  }
}
