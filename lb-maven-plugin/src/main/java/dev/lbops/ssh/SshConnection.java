package dev.lbops.ssh;

import static java.util.stream.Collectors.joining;

import dev.lbops.core.Templates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One SSH connection to one host, reused for all its commands (a session per command). Nothing on
 * it can hang: opening it and every command have a deadline that is enforced here (reading
 * included) and, where the host has {@code timeout(1)}, on the host too; keepalives find a dead
 * peer within the connect timeout (3 s at least). A connection that timed out or died is closed and
 * says so ({@link #isOpen}); every failure is an {@link SshException} naming the host and what the
 * command was for.
 */
public final class SshConnection implements AutoCloseable {

  /** What runs each command and reads its output, so that the caller can stop waiting for it. */
  static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          work -> {
            Thread thread = new Thread(work, "lb-ssh");
            thread.setDaemon(true);
            return thread;
          });

  private static final Templates SCRIPTS =
      Templates.bundled("dev/lbops/ssh/", Templates.Escaping.SHELL);

  /** How long after the host's own deadline the plugin still waits for the command's end. */
  private static final long GRACE_MILLIS = 2000;

  /** The exit status of {@code timeout(1)} when the command ran out of time. */
  private static final int TIMED_OUT_ON_HOST = 124;

  private final SshTarget target;
  private final SSHClient client;
  private final String acceptedHostKey;
  private final Opening opening;
  private volatile String lost = "";

  SshConnection(SshTarget target, SSHClient client, String acceptedHostKey, Opening opening) {
    this.target = target;
    this.client = client;
    this.acceptedHostKey = acceptedHostKey;
    this.opening = opening;
  }

  /**
   * How long opening the connection took, in nanoseconds.
   *
   * @param setUp making SSHJ's configuration (its classes and every cipher tried), when this
   *     connection was the JVM's first; else 0
   * @param handshake the TCP connection, the key exchange and the host key checked against
   *     known_hosts
   * @param login reading the private key and logging in
   */
  public record Opening(long setUp, long handshake, long login) {}

  /** How long opening this connection took. */
  public Opening opening() {
    return opening;
  }

  /** What was accepted on first use, for a warning (lb.acceptNewHostKeys), or empty. */
  public String acceptedHostKey() {
    return acceptedHostKey;
  }

  /**
   * Connects, verifies the host key against the target's known_hosts and logs in, all within two
   * connect timeouts ({@link SshLogin}).
   *
   * @throws SshException naming the host and the step that failed
   */
  public static SshConnection open(SshTarget target) {
    return SshLogin.open(target);
  }

  /**
   * Whether commands can still run on this connection: false once it timed out, died (keepalives
   * unanswered, the peer gone) or was closed.
   */
  public boolean isOpen() {
    return lost.isEmpty() && client.isConnected() && client.getTransport().isRunning();
  }

  /** Why the connection is no longer open; empty while it is. */
  public String lost() {
    if (!lost.isEmpty()) {
      return lost;
    }
    return isOpen() ? "" : "the connection was closed";
  }

  /** Runs {@code command} in a session of its own and waits for it at most {@code timeout}. */
  public CommandResult exec(String command, Duration timeout) {
    return exec(firstWord(command), command, null, timeout);
  }

  /**
   * Runs {@code command} with {@code stdin} as its standard input (how file contents travel: never
   * on a command line, where other users of the host could see them).
   */
  public CommandResult exec(String command, byte[] stdin, Duration timeout) {
    return exec(firstWord(command), command, stdin, timeout);
  }

  /**
   * Runs {@code command} with {@code stdin} as its standard input, at most {@code timeout}: then
   * the host ends it (where it has {@code timeout(1)}), and a host that does not answer shortly
   * after loses this connection.
   *
   * @param purpose what the command is for, for messages
   * @throws SshException naming the host and the purpose, when the command could not run or did not
   *     end in time; a command that ran and failed returns its exit status
   */
  public CommandResult exec(String purpose, String command, byte[] stdin, Duration timeout) {
    if (!isOpen()) {
      throw new SshException(
          target.host(),
          "'" + purpose + "' not run: the connection is lost (" + lost() + ")",
          null);
    }
    String onHost = underDeadline(command, timeout);
    long started = System.nanoTime();
    Future<CommandResult> running = WORKERS.submit(() -> run(onHost, stdin));
    try {
      CommandResult result = running.get(timeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
      if (result.exitStatus() == TIMED_OUT_ON_HOST
          && System.nanoTime() - started >= timeout.toNanos()) {
        throw new SshException(
            target.host(),
            "'"
                + purpose
                + "' did not finish within "
                + seconds(timeout.toMillis())
                + " (lb.commandTimeout) and was ended on the host",
            null);
      }
      return result;
    } catch (TimeoutException e) {
      running.cancel(true);
      lose("'" + purpose + "' did not finish within " + seconds(timeout.toMillis()));
      throw new SshException(
          target.host(),
          "'"
              + purpose
              + "' did not finish within "
              + seconds(timeout.toMillis())
              + " (lb.commandTimeout) and the host did not end it: the connection was closed",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancel(true);
      lose("interrupted");
      throw new SshException(target.host(), "'" + purpose + "' was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof net.schmizz.sshj.common.SSHException
          || !client.isConnected()
          || !client.getTransport().isRunning()) {
        // A failure of the connection, not of the command: it is not to be used again.
        lose(cause.getMessage() == null ? cause.toString() : cause.getMessage());
      }
      throw new SshException(
          target.host(),
          "'"
              + purpose
              + "' failed: "
              + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
              + (isOpen() ? "" : " (the connection is lost)"),
          cause);
    }
  }

  /** The command as the host runs it: under its own deadline, where it has timeout(1). */
  private static String underDeadline(String command, Duration timeout) {
    String script =
        SCRIPTS.render(
            "deadline.sh",
            Map.of(
                "seconds",
                String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000)),
                "command",
                command));
    return script.lines().filter(line -> !line.startsWith("#")).collect(joining("\n"));
  }

  private CommandResult run(String command, byte[] stdin) throws IOException {
    try (Session session = client.startSession()) {
      Session.Command running = session.exec(command);
      Future<String> stderr = WORKERS.submit(() -> read(running.getErrorStream()));
      if (stdin != null) {
        try (OutputStream in = running.getOutputStream()) {
          in.write(stdin);
        }
      } else {
        running.getOutputStream().close();
      }
      String stdout = read(running.getInputStream());
      running.join();
      running.close();
      Integer exit = running.getExitStatus();
      String errors;
      try {
        errors = stderr.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
      if (exit == null) {
        throw new IOException(
            running.getExitSignal() != null
                ? "ended by signal " + running.getExitSignal()
                : "the command gave no exit status");
      }
      return new CommandResult(exit, stdout, errors);
    }
  }

  /**
   * Starts {@code command} in a session of its own and returns at once; its output is read as it
   * comes. Closing it closes the session (the command then ends at its next write).
   */
  public Running start(String command) {
    try {
      Session session = client.startSession();
      try {
        Session.Command running = session.exec(command);
        running.getOutputStream().close();
        return new Running(session, running.getInputStream());
      } catch (IOException e) {
        session.close();
        throw e;
      }
    } catch (IOException e) {
      throw new SshException(
          target.host(), "starting '" + firstWord(command) + "' failed: " + e.getMessage(), e);
    }
  }

  /** A command started with {@link #start}. */
  public static final class Running implements AutoCloseable {
    private final Session session;
    private final InputStream stdout;

    private Running(Session session, InputStream stdout) {
      this.session = session;
      this.stdout = stdout;
    }

    public InputStream stdout() {
      return stdout;
    }

    @Override
    public void close() {
      try {
        session.close();
      } catch (IOException e) {
        // The command is gone already.
      }
    }
  }

  public SshTarget target() {
    return target;
  }

  /**
   * Marks the connection lost and closes it without waiting: closing says goodbye to the peer, and
   * a peer that does not answer must not hold the caller.
   */
  private void lose(String why) {
    if (lost.isEmpty()) {
      lost = why;
    }
    WORKERS.execute(() -> closeQuietly(client));
  }

  @Override
  public void close() {
    if (isOpen()) {
      closeQuietly(client);
    } else {
      lose("closed");
    }
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
  }

  private static String firstWord(String command) {
    String trimmed = command.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space) + " ...";
  }

  static void closeQuietly(SSHClient client) {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      // Closing a connection that failed or is done: nothing left to do.
    }
  }
}
