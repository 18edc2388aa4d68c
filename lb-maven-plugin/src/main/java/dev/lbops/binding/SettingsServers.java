package dev.lbops.binding;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import java.util.Optional;

/**
 * The {@code settings.xml} servers a CMDB value names by {@code server_id}: a server or its
 * password that cannot be found is a problem reported at that value.
 */
final class SettingsServers {

  private final CredentialSource credentials;

  SettingsServers(CredentialSource credentials) {
    this.credentials = credentials;
  }

  /** The password of the server named at {@code key}, or {@code null} (reported). */
  Secret password(Fields f, String key, String serverId, String purpose) {
    Optional<ServerCredentials> server = server(f, key, serverId, purpose);
    if (server.isPresent() && server.get().password() == null) {
      f.error(
          key,
          "settings.xml server '" + serverId + "' has no password for " + purpose,
          "add a <password> to that server (encrypt it with mvn --encrypt-password)");
      return null;
    }
    return server.map(ServerCredentials::password).orElse(null);
  }

  /**
   * The server named at {@code key}, or empty (reported): also one settings.xml holds but refuses
   * to give (a value with a line break), whose problems are reported with the others.
   */
  Optional<ServerCredentials> server(Fields f, String key, String serverId, String purpose) {
    Optional<ServerCredentials> server;
    try {
      server = credentials.server(serverId);
    } catch (ProblemsException e) {
      e.problems().forEach(f::report);
      return Optional.empty();
    }
    if (server.isEmpty()) {
      f.error(
          key,
          "no server '" + serverId + "' in settings.xml for " + purpose,
          "add <server><id>" + serverId + "</id>...</server> to ~/.m2/settings.xml");
    }
    return server;
  }
}
