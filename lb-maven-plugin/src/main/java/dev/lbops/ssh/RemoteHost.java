package dev.lbops.ssh;

import dev.lbops.core.LbLog;
import dev.lbops.core.Threads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A host's shell over its SSH connection: scripts go to {@code sh} on standard input (no quoting,
 * nothing on a command line), through {@code sudo} when the user is not root. Sudo runs with {@code
 * -n}; when the user's password is known (the login's password from settings.xml) and sudo asks for
 * it, it is given on standard input, ahead of the script. A connection that was lost (timed out,
 * dropped, the peer dead) is opened again before the next script, with bounded retries, when the
 * host was connected with a way to reconnect.
 */
public final class RemoteHost implements AutoCloseable {

  /**
   * Attempts to open a lost connection again before a script, a second apart; after they failed,
   * the next script tries once.
   */
  private static final int RECONNECT_ATTEMPTS = 2;

  private final Supplier<SshConnection> reconnect;
  private final boolean sudo;
  private final Duration timeout;
  private final LbLog log;
  private volatile SshConnection connection;
  private boolean reconnectFailed;
  private Boolean sudoNeedsPassword;

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
  }

  /** Whether sudo must be given the password: asked once, only when there is one to give. */
  private boolean sudoWithPassword() {
    if (!sudo || connection.target().password() == null) {
      return false;
    }
    if (sudoNeedsPassword == null) {
      sudoNeedsPassword =
          !connection()
              .exec("ask whether sudo needs a password", "sudo -n true", null, timeout)
              .ok();
    }
    return sudoNeedsPassword;
  }

  /** The command run as root, and what goes ahead of its standard input. */
  private String asRoot(String command) {
    if (!sudo) {
      return command;
    }
    return (sudoWithPassword() ? "sudo -S -p '' " : "sudo -n ") + command;
  }

  private byte[] input(String content) {
    String password = sudoWithPassword() ? connection.target().password().reveal() + "\n" : "";
    return (password + content).getBytes(StandardCharsets.UTF_8);
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
   * Runs {@code script} as root, at most the command timeout.
   *
   * @param purpose what it does, for messages: {@code activate the new configs}
   * @throws SshException naming the host and {@code purpose} when it could not run or did not end
   *     in time
   */
  public CommandResult script(String purpose, String script) {
    String what = purpose.length() > 70 ? purpose.substring(0, 70) + " ..." : purpose;
    SshConnection current = connection();
    long started = System.nanoTime();
    String shell = asRoot("sh -s");
    CommandResult result = current.exec(what, shell, input(script), timeout);
    log.debug(
        String.format(
            "[%s] %.3f s, exit %d: %s",
            name(), (System.nanoTime() - started) / 1e9, result.exitStatus(), what));
    return result;
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

  @Override
  public void close() {
    connection.close();
  }
}
