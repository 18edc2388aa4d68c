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

  /** Maven 3's way, with this decrypter (for tests). */
  ServerDecryption(SettingsDecrypter decrypter) {
    this.decrypter = () -> decrypter;
    this.mavenDecrypts = false;
  }

  /**
   * The server with its password and passphrase decrypted.
   *
   * @throws Failure when Maven 3's decrypter cannot decrypt them
   */
  Server decrypted(Server server) {
    if (mavenDecrypts) {
      return server;
    }
    SettingsDecryptionResult result =
        decrypter.get().decrypt(new DefaultSettingsDecryptionRequest(server));
    if (!result.getProblems().isEmpty()) {
      throw new Failure(result.getProblems().get(0).getMessage());
    }
    return result.getServer();
  }

  /** Maven 3's decrypter could not decrypt a server's password or passphrase. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message);
    }
  }
}
