package dev.lbops.ssh;

import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.Templates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A host's shell over its one SSH connection: scripts go to {@code sh} on standard input (no
 * quoting, nothing on a command line), through {@code sudo} when the user is not root. When the
 * user's password is known (the login's password from settings.xml) it reaches sudo alone: {@code
 * sudo-with-password.sh} reads its one line and gives it to a {@code sudo -v}, then runs the script
 * with {@code sudo -n}; without a password, sudo runs with {@code -n} (NOPASSWD). What the host
 * prints is returned with the login's secrets redacted.
 */
public final class RemoteHost implements AutoCloseable {

  /** Validates the password with sudo alone, then runs standard input's rest as root. */
  static final String SUDO_WITH_PASSWORD =
      "sh -c " + Templates.shellQuote(withoutComments("dev/lbops/ssh/sudo-with-password.sh"));

  private final SshConnection connection;
  private final boolean sudo;
  private final Duration timeout;
  private final LbLog log;
  private final List<Secret> loginSecrets;

  public RemoteHost(SshConnection connection, Duration timeout, LbLog log) {
    this.connection = connection;
    this.sudo = !connection.target().user().equals("root");
    this.timeout = timeout;
    this.log = log;
    this.loginSecrets =
        Stream.of(connection.target().password(), connection.target().passphrase())
            .filter(Objects::nonNull)
            .toList();
  }

  private boolean sudoWithPassword() {
    return sudo && connection.target().password() != null;
  }

  /** The command that runs the script given on standard input as root. */
  private String shell() {
    if (!sudo) {
      return "sh -s";
    }
    return sudoWithPassword() ? SUDO_WITH_PASSWORD : "sudo -n sh -s";
  }

  /** The standard input: the script, after the password's one line when sudo is given one. */
  private byte[] input(String script) {
    String password = sudoWithPassword() ? connection.target().password().reveal() + "\n" : "";
    return (password + script).getBytes(StandardCharsets.UTF_8);
  }

  public String name() {
    return connection.target().host();
  }

  /** Runs {@code script} as root; what it prints comes back with the login's secrets redacted. */
  public CommandResult script(String script) {
    CommandResult result =
        timed(
            Secret.redact(script.lines().findFirst().orElse(""), loginSecrets),
            () -> connection.exec(shell(), input(script), timeout));
    return new CommandResult(
        result.exitStatus(),
        Secret.redact(result.stdout(), loginSecrets),
        Secret.redact(result.stderr(), loginSecrets));
  }

  private CommandResult timed(String what, Supplier<CommandResult> command) {
    long started = System.nanoTime();
    CommandResult result = command.get();
    log.debug(
        String.format(
            "[%s] %.3f s, exit %d: %s",
            name(),
            (System.nanoTime() - started) / 1e9,
            result.exitStatus(),
            what.length() > 70 ? what.substring(0, 70) + " ..." : what));
    return result;
  }

  /** A bundled script without its comment lines: it travels on a command line, short. */
  private static String withoutComments(String resource) {
    try (Reader reader = Templates.resource(resource);
        BufferedReader lines = new BufferedReader(Objects.requireNonNull(reader, resource))) {
      return lines
          .lines()
          .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
