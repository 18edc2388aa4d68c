package dev.lbops.ssh;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where a host's login comes from: the inventory first, then its settings.xml server, then the
 * user's default key; user root when none is named.
 */
public final class SshTargets {

  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private SshTargets() {}

  public static SshTarget of(
      Host host, CredentialSource credentials, HostKeys hostKeys, Duration connectTimeout) {
    ServerCredentials server = null;
    if (!host.serverId().isEmpty()) {
      server =
          credentials
              .server(host.serverId())
              .orElseThrow(
                  () ->
                      new ProblemsException(
                          "Cannot log in to " + host.name(),
                          List.of(
                              Problem.error(
                                  host.location(),
                                  host.name(),
                                  "serverId",
                                  "no server '" + host.serverId() + "' in settings.xml",
                                  "add <server><id>"
                                      + host.serverId()
                                      + "</id>...</server> to ~/.m2/settings.xml"))));
    }
    String user =
        !host.user().isEmpty()
            ? host.user()
            : server != null && !server.username().isEmpty() ? server.username() : "root";
    Path key =
        !host.privateKey().isEmpty()
            ? Path.of(host.privateKey())
            : server != null && !server.privateKey().isEmpty()
                ? Path.of(server.privateKey())
                : null;
    Secret password =
        host.password() != null ? host.password() : server == null ? null : server.password();
    if (key == null && password == null) {
      Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
      key =
          DEFAULT_KEYS.stream()
              .map(ssh::resolve)
              .filter(Files::isReadable)
              .findFirst()
              .orElse(null);
    }
    if (key == null && password == null) {
      throw new ProblemsException(
          "Cannot log in to " + host.name(),
          List.of(
              Problem.error(
                  host.location() == null ? Location.UNKNOWN : host.location(),
                  host.name(),
                  "",
                  "no private key and no password for this host",
                  "name a <serverId> whose settings.xml server has a privateKey or password, or write private_key= in server.ini")));
    }
    return new SshTarget(
        host.name(),
        host.address(),
        host.port(),
        user,
        key,
        server == null ? null : server.passphrase(),
        password,
        hostKeys,
        connectTimeout);
  }
}
