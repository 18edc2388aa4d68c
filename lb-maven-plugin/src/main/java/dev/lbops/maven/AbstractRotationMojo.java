package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.rotation.RotationException;
import dev.lbops.rotation.RotationOptions;
import dev.lbops.rotation.RotationReport;
import dev.lbops.ssh.HostKeys;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The base of lb:drain and lb:ready: servers out of rotation and back, on every load balancer,
 * through HAProxy's runtime API. They read the CMDB only for the hosts and their runtime API
 * sockets, render nothing and write no config, so an application's build can run them.
 */
public abstract class AbstractRotationMojo extends AbstractClusterMojo {

  /**
   * The servers, by name ({@code web1}) or address ({@code 198.18.0.101}, or with its port),
   * comma-separated; each as HAProxy knows it on every load balancer, in every backend it serves.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SERVERS, required = true)
  List<String> servers;

  /**
   * The known_hosts file host keys are verified against. An unknown or changed key is refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KNOWN_HOSTS, defaultValue = "${user.home}/.ssh/known_hosts")
  File knownHosts;

  /**
   * Trust on first use: a host whose key is not in the known_hosts file yet is accepted and its key
   * recorded there. A changed key is still refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ACCEPT_NEW_HOST_KEYS, defaultValue = "false")
  boolean acceptNewHostKeys;

  /**
   * Seconds to wait for a host to answer.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONNECT_TIMEOUT, defaultValue = "10")
  int connectTimeout;

  /**
   * Seconds a command on a host may take.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMMAND_TIMEOUT, defaultValue = "300")
  int commandTimeout;

  /**
   * Seconds to wait for a deploy's or a drill's lock on a load balancer before failing; the lock is
   * held only while the servers' state changes.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "60")
  int lockTimeout;

  /**
   * Breaks another build's live lock on a load balancer instead of waiting for it (logged with its
   * holder). Only when that build is known to be gone.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BREAK_LOCK, defaultValue = "false")
  boolean breakLock;

  protected AbstractRotationMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String offlineWork() {
    return "go to the load balancers over SSH";
  }

  /** How long the goal waits: for the sessions to end, or the checks to see the servers up. */
  protected abstract int timeoutSeconds();

  /** The property of {@link #timeoutSeconds}, for its message. */
  protected abstract String timeoutProperty();

  /** Runs the goal's work in the core. */
  protected abstract RotationReport run(ClusterOperations cluster, RotationOptions options);

  @Override
  protected final Work configure(ClusterOperations cluster) {
    RotationOptions options =
        new RotationOptions(
            Parameters.words(PropertyNames.SERVERS, servers == null ? List.of() : servers),
            Duration.ofSeconds(Parameters.atLeast(timeoutProperty(), timeoutSeconds(), 0)),
            new HostKeys(knownHosts.toPath(), acceptNewHostKeys),
            Duration.ofSeconds(
                Parameters.atLeast(PropertyNames.CONNECT_TIMEOUT, connectTimeout, 1)),
            Duration.ofSeconds(
                Parameters.atLeast(PropertyNames.COMMAND_TIMEOUT, commandTimeout, 1)),
            Duration.ofSeconds(Parameters.atLeast(PropertyNames.LOCK_TIMEOUT, lockTimeout, 0)),
            breakLock);
    return () -> {
      try {
        run(cluster, options).table().forEach(getLog()::info);
      } catch (RotationException e) {
        e.report().table().forEach(getLog()::error);
        throw e;
      }
    };
  }
}
