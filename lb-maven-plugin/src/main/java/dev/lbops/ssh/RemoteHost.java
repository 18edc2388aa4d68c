package dev.lbops.ssh;

import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.core.Shown;
import dev.lbops.core.Templates;
import dev.lbops.core.Threads;
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
 * A host's shell over its SSH connection: scripts go to {@code sh} on standard input (no quoting,
 * nothing on a command line), through {@code sudo} when the user is not root. When the user's
 * password is known (the login's password from settings.xml) it reaches sudo alone: {@code
 * sudo-with-password.sh} reads its one line and gives it to a {@code sudo -v}, then runs the script
 * with {@code sudo -n}; without a password, sudo runs with {@code -n} (NOPASSWD). What the host
 * prints is returned with the login's secrets redacted. A connection that was lost (timed out,
 * dropped, the peer dead) is opened again before the next script, with bounded retries, when the
 * host was connected with a way to reconnect.
 */
public final class RemoteHost implements AutoCloseable {

  /** Validates the password with sudo alone, then runs standard input's rest as root. */
  static final String SUDO_WITH_PASSWORD =
      "sh -c " + Templates.shellQuote(withoutComments("dev/lbops/ssh/sudo-with-password.sh"));

  /**
   * Attempts to open a lost connection again before a script, a second apart; after they failed,
   * the next script tries once.
   */
  private static final int RECONNECT_ATTEMPTS = 2;

  private final Supplier<SshConnection> reconnect;
  private final boolean sudo;
  private final Duration timeout;
  private final LbLog log;
  private final List<Secret> loginSecrets;
  private volatile SshConnection connection;
  private boolean reconnectFailed;

  public RemoteHost(SshConnection connection, Duration timeout, LbLog log) {
    this(connection, null, timeout, log);
  }

  /**
   * @param reconnect opens a new connection to the same target, or {@code null} for none
   */
  public RemoteHost(
      SshConnection connection, Supplier<SshConnection> reconnect, Duration timeout, LbLog log) {
    this.connection = connection;
    this.reconnect = reconnect;
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

  /** Runs {@code script}; its purpose, for messages, is its first line without the comment mark. */
  public CommandResult script(String script) {
    String first = script.lines().findFirst().orElse("").strip();
    return script(first.startsWith("#") ? first.substring(1).strip() : first, script);
  }

  /**
   * Runs {@code script} as root, at most the command timeout; what it prints comes back with the
   * login's secrets redacted.
   *
   * @param purpose what it does, for messages: {@code activate the new configs}
   * @throws SshException naming the host and {@code purpose} when it could not run or did not end
   *     in time
   */
  public CommandResult script(String purpose, String script) {
    String redacted = Secret.redact(purpose, loginSecrets);
    String what = redacted.length() > 70 ? redacted.substring(0, 70) + " ..." : redacted;
    SshConnection current = connection();
    long started = System.nanoTime();
    CommandResult result = current.exec(what, shell(), input(script), timeout);
    long took = System.nanoTime() - started;
    log.timed("SSH command: " + Shown.escaped(what), took);
    log.debug(
        String.format("[%s] %.3f s, exit %d: %s", name(), took / 1e9, result.exitStatus(), what));
    return new CommandResult(
        result.exitStatus(),
        Secret.redact(result.stdout(), loginSecrets),
        Secret.redact(result.stderr(), loginSecrets));
  }

  /** Whether the connection is open now (a lost one is opened again only by the next script). */
  public boolean connected() {
    return connection.isOpen();
  }

  /** The connection, opened again first when it was lost and the host can be reconnected. */
  private synchronized SshConnection connection() {
    if (connection.isOpen() || reconnect == null) {
      return connection;
    }
    String why = connection.lost();
    connection.close();
    log.info("[" + name() + "] the connection was lost (" + why + "): connecting again");
    int attempts = reconnectFailed ? 1 : RECONNECT_ATTEMPTS;
    SshException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        connection = reconnect.get();
        reconnectFailed = false;
        log.info("[" + name() + "] connected again");
        return connection;
      } catch (SshException e) {
        last = e;
        log.info(
            "["
                + name()
                + "] connecting again failed ("
                + attempt
                + " of "
                + attempts
                + "): "
                + e.detail());
        if (attempt < attempts) {
          Threads.sleep(1000);
        }
      }
    }
    reconnectFailed = true;
    throw new SshException(
        name(),
        "the connection was lost (" + why + ") and connecting again failed: " + last.detail(),
        last);
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
