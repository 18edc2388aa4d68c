package dev.lbops.maven;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Credentials from the {@code <servers>} of settings.xml, encrypted passwords decrypted. */
final class MavenSettingsCredentials implements CredentialSource {

  private final Settings settings;
  private final SettingsDecrypter decrypter;

  MavenSettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  @Override
  public Optional<ServerCredentials> server(String id) {
    Server server = settings == null ? null : settings.getServer(id);
    if (server == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    if (!result.getProblems().isEmpty()) {
      throw new IllegalStateException(
          "Cannot decrypt the password of settings.xml server '"
              + id
              + "': "
              + result.getProblems().get(0).getMessage());
    }
    Server decrypted = result.getServer();
    return Optional.of(
        new ServerCredentials(
            id,
            decrypted.getUsername(),
            decrypted.getPassword() == null ? null : Secret.of(decrypted.getPassword()),
            decrypted.getPrivateKey(),
            decrypted.getPassphrase() == null ? null : Secret.of(decrypted.getPassphrase())));
  }
}
