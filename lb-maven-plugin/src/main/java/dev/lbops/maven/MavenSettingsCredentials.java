package dev.lbops.maven;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.core.Shown;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;

/**
 * Credentials from the {@code <servers>} of settings.xml, encrypted passwords decrypted: where the
 * values of settings.xml enter. A value holding a line break, control or invisible character could
 * start a new directive in a config, a new line to sudo or a new log line: it is refused here,
 * naming the server and the field, never the value. What each secret must look like for the file it
 * goes into is judged where it is used.
 */
final class MavenSettingsCredentials implements CredentialSource {

  private final Settings settings;
  private final ServerDecryption decryption;
  private final Location settingsFile;
  private final Map<String, Optional<ServerCredentials>> read = new ConcurrentHashMap<>();

  MavenSettingsCredentials(Settings settings, ServerDecryption decryption, File settingsFile) {
    this.settings = settings;
    this.decryption = decryption;
    this.settingsFile =
        settingsFile == null
            ? new Location("settings.xml", 0, 0)
            : Location.of(settingsFile.toPath().toAbsolutePath());
  }

  @Override
  public Optional<ServerCredentials> server(String id) {
    return read.computeIfAbsent(id, this::decrypted);
  }

  private Optional<ServerCredentials> decrypted(String id) {
    Server server = settings == null ? null : settings.getServer(id);
    if (server == null) {
      return Optional.empty();
    }
    Server decrypted;
    try {
      decrypted = decryption.decrypted(server);
    } catch (ServerDecryption.Failure e) {
      throw new ProblemsException(
          "settings.xml server " + Shown.quoted(id) + " cannot be read",
          List.of(
              Problem.error(
                  settingsFile,
                  "",
                  key(id, "password"),
                  "the password cannot be decrypted: " + Shown.escaped(e.getMessage()),
                  "encrypt it again with mvn --encrypt-password, with the master password of"
                      + " settings-security.xml")));
    }
    List<Problem> problems = new ArrayList<>();
    printable(problems, id, "username", decrypted.getUsername(), false);
    printable(problems, id, "password", decrypted.getPassword(), true);
    printable(problems, id, "privateKey", decrypted.getPrivateKey(), false);
    printable(problems, id, "passphrase", decrypted.getPassphrase(), true);
    if (!problems.isEmpty()) {
      throw new ProblemsException(
          "settings.xml server " + Shown.quoted(id) + " cannot be used", problems);
    }
    return Optional.of(
        new ServerCredentials(
            id,
            decrypted.getUsername(),
            decrypted.getPassword() == null ? null : Secret.of(decrypted.getPassword()),
            decrypted.getPrivateKey(),
            decrypted.getPassphrase() == null ? null : Secret.of(decrypted.getPassphrase())));
  }

  private void printable(
      List<Problem> problems, String id, String field, String value, boolean secret) {
    if (value != null && Shown.hasInvisible(value)) {
      problems.add(
          Problem.error(
              settingsFile,
              "",
              key(id, field),
              (secret ? "the " + field : Shown.quoted(value))
                  + " holds a line break, control or invisible character, which could start a"
                  + " new line in a config, to sudo or in the log",
              "write the " + field + " on one line of printable characters"));
    }
  }

  private static String key(String id, String field) {
    return "<server> " + Shown.quoted(id) + " <" + field + ">";
  }
}
