package dev.lbops.remote;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import dev.lbops.ssh.HostKeys;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshTarget;
import dev.lbops.ssh.SshTargets;
import java.time.Duration;
import java.util.List;

/** Connecting to a host as every goal does: its login, its host key checked, root's shell. */
public final class RemoteHosts {

  private RemoteHosts() {}

  /**
   * Connects to {@code host} and logs in; a host key accepted on first use is logged as a warning.
   * A connection lost later is opened again, with the same login, before the next script.
   *
   * @throws ProblemsException when the host has no login, or its user is not root and the inventory
   *     forbids sudo ({@code sudo=false}): such a user cannot manage the services
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
    if (host.withoutSudo() && !target.user().equals("root")) {
      throw new ProblemsException(
          "Cannot manage the services on " + host.name(),
          List.of(
              Problem.error(
                  host.location() == null ? Location.UNKNOWN : host.location(),
                  host.name(),
                  "sudo",
                  "user '"
                      + target.user()
                      + "' is not root and sudo=false: without sudo it cannot write the configs"
                      + " or manage haproxy and keepalived",
                  "log in as root (user=root), or let the user use sudo (remove sudo=false)")));
    }
    SshConnection connection = SshConnection.open(target);
    SshConnection.Opening opening = connection.opening();
    if (opening.setUp() > 0) {
      log.timed("SSH: loading SSHJ and its ciphers (once)", opening.setUp());
    }
    log.timed("SSH: connection, key exchange, host key checked", opening.handshake());
    log.timed("SSH: private key read, login", opening.login());
    if (!connection.acceptedHostKey().isEmpty()) {
      log.warn("[" + host.name() + "] " + connection.acceptedHostKey());
    }
    return new RemoteHost(connection, () -> SshConnection.open(target), commandTimeout, log);
  }
}
