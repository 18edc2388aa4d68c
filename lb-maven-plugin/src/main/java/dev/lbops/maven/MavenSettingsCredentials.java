package dev.lbops.maven;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;

/** Credentials from the {@code <servers>} of settings.xml, encrypted passwords decrypted. */
final class MavenSettingsCredentials implements CredentialSource {

  private final Settings settings;
  private final ServerDecryption decryption;

  MavenSettingsCredentials(Settings settings, ServerDecryption decryption) {
    this.settings = settings;
    this.decryption = decryption;
  }

  @Override
  public Optional<ServerCredentials> server(String id) {
    Server server = settings == null ? null : settings.getServer(id);
    if (server == null) {
      return Optional.empty();
    }
    Server decrypted = decryption.decrypted(server);
    return Optional.of(
        new ServerCredentials(
            id,
            decrypted.getUsername(),
            decrypted.getPassword() == null ? null : Secret.of(decrypted.getPassword()),
            decrypted.getPrivateKey(),
            decrypted.getPassphrase() == null ? null : Secret.of(decrypted.getPassphrase())));
  }
}
