package dev.lbops.maven;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A settings.xml server with its passwords in clear, as the running Maven gives them: Maven 4
 * decrypts settings.xml itself when it reads it (and deprecates {@code SettingsDecrypter}), so the
 * decrypter of Maven 3 is looked up and used on Maven 3 only.
 */
@Named
@Singleton
public class ServerDecryption {

  /** The first Maven that decrypts settings.xml as it builds the settings (MNG-8379). */
  static final String MAVEN_DECRYPTS_SETTINGS = "[4.0.0-rc-1,)";

  private final Provider<SettingsDecrypter> decrypter;
  private final boolean mavenDecrypts;

  @Inject
  public ServerDecryption(RuntimeInformation runtime, Provider<SettingsDecrypter> decrypter) {
    this.decrypter = decrypter;
    this.mavenDecrypts = runtime.isMavenVersion(MAVEN_DECRYPTS_SETTINGS);
  }

  /** The server with its password and passphrase decrypted. */
  Server decrypted(Server server) {
    if (mavenDecrypts) {
      return server;
    }
    SettingsDecryptionResult result =
        decrypter.get().decrypt(new DefaultSettingsDecryptionRequest(server));
    if (!result.getProblems().isEmpty()) {
      throw new IllegalStateException(
          "Cannot decrypt the password of settings.xml server '"
              + server.getId()
              + "': "
              + result.getProblems().get(0).getMessage());
    }
    return result.getServer();
  }
}
