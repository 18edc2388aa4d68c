package dev.lbops.deploy;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostLocks;
import dev.lbops.render.ConfigKind;
import dev.lbops.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hosts of a deploy, connected over one SSH connection each and their facts read ({@link
 * Deployer#connect}), with the locks this deploy takes on them ({@link HostLocks}: a lease, renewed
 * while the deploy works). Closing releases each lock this deploy holds, with any file left beside
 * the live ones, and disconnects.
 */
public final class ConnectedHosts implements AutoCloseable {

  /** One host connected, what it was like when read, and since when it is being deployed. */
  record Connected(HostConfig config, RemoteHost remote, HostFacts facts, long started) {}

  private final Map<String, Connected> hosts;
  private final HostLocks locks;
  private final int threads;

  ConnectedHosts(Map<String, Connected> hosts, HostLocks locks, int threads, LbLog log) {
    this.hosts = new LinkedHashMap<>(hosts);
    this.locks = locks;
    this.threads = threads;
  }

  /**
   * Each host's operating system as it reported it, by Rex's name ({@code Debian}; empty when
   * unknown), for the CMDB's {@code {operatingsystem}} lookups.
   */
  public Map<String, String> operatingSystems() {
    Map<String, String> operatingSystems = new LinkedHashMap<>();
    hosts.forEach((name, host) -> operatingSystems.put(name, host.facts().operatingSystem()));
    return operatingSystems;
  }

  Connected get(String name) {
    return hosts.get(name);
  }

  HostLocks locks() {
    return locks;
  }

  @Override
  public void close() {
    List<String> leftBeside =
        new ArrayList<>(
            Stream.concat(
                    Arrays.stream(ConfigKind.values()).map(ConfigKind::hostPath),
                    Stream.of(DeployedState.PATH))
                .map(path -> path + ".lb-new")
                .toList());
    leftBeside.add(Activation.ACTIVATION);
    Parallel.map(
        List.copyOf(hosts.keySet()),
        threads,
        name -> {
          RemoteHost remote = hosts.get(name).remote();
          try {
            locks.release(remote, leftBeside.toArray(String[]::new));
          } finally {
            remote.close();
          }
          return name;
        });
    locks.close();
  }
}
