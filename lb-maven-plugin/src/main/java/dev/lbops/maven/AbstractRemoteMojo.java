package dev.lbops.maven;

import dev.lbops.deploy.DeployOptions;
import dev.lbops.remote.HostLock;
import dev.lbops.render.RenderOptions;
import dev.lbops.ssh.HostKeys;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The base of the goals that go to the project's hosts over SSH: status, deploy, diff, setup,
 * verify.
 */
public abstract class AbstractRemoteMojo extends AbstractRenderingMojo {

  /**
   * The known_hosts file host keys are verified against. An unknown or changed key is refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KNOWN_HOSTS, defaultValue = "${user.home}/.ssh/known_hosts")
  File knownHosts;

  /**
   * Trust on first use: a host whose key is not in the known_hosts file yet is accepted and its key
   * recorded there (as OpenSSH's StrictHostKeyChecking=accept-new). A changed key is still refused.
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
   * Seconds a command on a host may take (package installs included).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMMAND_TIMEOUT, defaultValue = "300")
  int commandTimeout;

  protected AbstractRemoteMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String offlineWork() {
    return "go to the hosts over SSH";
  }

  protected HostKeys hostKeys() {
    return new HostKeys(knownHosts.toPath(), acceptNewHostKeys);
  }

  protected Duration connectTimeout() {
    return Duration.ofSeconds(Parameters.atLeast(PropertyNames.CONNECT_TIMEOUT, connectTimeout, 1));
  }

  protected Duration commandTimeout() {
    return Duration.ofSeconds(Parameters.atLeast(PropertyNames.COMMAND_TIMEOUT, commandTimeout, 1));
  }

  /** How lb:deploy, lb:diff and lb:setup go to the hosts; a dry run only reads them. */
  protected DeployOptions deployOptions(
      boolean dryRun,
      List<String> only,
      int parallelism,
      boolean rollback,
      int lockTimeout,
      boolean force,
      HostLock.Lease lease) {
    return new DeployOptions(
        dryRun,
        Set.copyOf(only == null ? List.of() : Parameters.words(PropertyNames.ONLY, only)),
        Parameters.atLeast(PropertyNames.PARALLELISM, parallelism, 0),
        rollback,
        hostKeys(),
        connectTimeout(),
        commandTimeout(),
        Duration.ofSeconds(Parameters.atLeast(PropertyNames.LOCK_TIMEOUT, lockTimeout, 0)),
        force,
        lease);
  }

  /**
   * This build's lease on the host locks it takes, for this goal.
   *
   * @param seconds {@code lb.lockLease}
   * @param breakLive {@code lb.breakLock}
   */
  protected HostLock.Lease lease(int seconds, boolean breakLive) {
    return HostLock.Lease.of(
        goal(),
        Duration.ofSeconds(Parameters.atLeast(PropertyNames.LOCK_LEASE, seconds, 1)),
        breakLive);
  }

  /** Where lb:verify's checks are reported: as configured, else {@code verify} in the output. */
  protected static Path reportDirectory(File configured, RenderOptions render) {
    return configured != null ? configured.toPath() : render.outputDirectory().resolve("verify");
  }
}
