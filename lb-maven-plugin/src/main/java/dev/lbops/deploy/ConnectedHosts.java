package dev.lbops.deploy;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostLock;
import dev.lbops.render.ConfigKind;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The hosts of a deploy, connected over one SSH connection each and their facts read ({@link
 * Deployer#connect}). Closing disconnects them; a host this deploy locked first loses any file left
 * beside the live ones, and its lock.
 */
public final class ConnectedHosts implements AutoCloseable {

  /** One host connected, what it was like when read, and since when it is being deployed. */
  record Connected(HostConfig config, RemoteHost remote, HostFacts facts, long started) {}

  private final Map<String, Connected> hosts;
  private final Set<String> locked = ConcurrentHashMap.newKeySet();
  private final int threads;
  private final LbLog log;

  ConnectedHosts(Map<String, Connected> hosts, int threads, LbLog log) {
    this.hosts = new LinkedHashMap<>(hosts);
    this.threads = threads;
    this.log = log;
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

  /** Remembers that this deploy holds the host's lock, to release it at the end. */
  void locked(String name) {
    locked.add(name);
  }

  @Override
  public void close() {
    Parallel.map(
        List.copyOf(hosts.keySet()),
        threads,
        name -> {
          disconnect(hosts.get(name).remote(), locked.contains(name));
          return name;
        });
  }

  private void disconnect(RemoteHost remote, boolean locked) {
    try {
      if (locked) {
        remote.script(
            HostLock.release(
                Stream.concat(
                        Arrays.stream(ConfigKind.values()).map(ConfigKind::hostPath),
                        Stream.of(DeployedState.PATH))
                    .map(path -> path + ".lb-new")
                    .toArray(String[]::new)));
      }
    } catch (SshException e) {
      log.warn("[" + remote.name() + "] could not release the deploy lock: " + e.getMessage());
    } finally {
      remote.close();
    }
  }
}
