package dev.lbops.remote;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import dev.lbops.ssh.HostKeys;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshTarget;
import dev.lbops.ssh.SshTargets;
import java.time.Duration;

/** Connecting to a host as every goal does: its login, its host key checked, root's shell. */
public final class RemoteHosts {

  private RemoteHosts() {}

  /**
   * Connects to {@code host} and logs in; a host key accepted on first use is logged as a warning.
   *
   * @throws ProblemsException when the host has no login
   * @throws dev.lbops.ssh.SshException when the host cannot be reached, trusted or logged into
   */
  public static RemoteHost connect(
      Host host,
      CredentialSource credentials,
      HostKeys hostKeys,
      Duration connectTimeout,
      Duration commandTimeout,
      LbLog log) {
    SshTarget target = SshTargets.of(host, credentials, hostKeys, connectTimeout);
    SshConnection connection = SshConnection.open(target);
    if (!connection.acceptedHostKey().isEmpty()) {
      log.warn("[" + host.name() + "] " + connection.acceptedHostKey());
    }
    return new RemoteHost(connection, commandTimeout, log);
  }
}
