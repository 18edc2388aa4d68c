package dev.lbops.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/** One SSH connection to one host, reused for all its commands (a session per command). */
public final class SshConnection implements AutoCloseable {

  private static final LoggerFactory QUIET =
      new LoggerFactory() {
        @Override
        public org.slf4j.Logger getLogger(String name) {
          return org.slf4j.helpers.NOPLogger.NOP_LOGGER;
        }

        @Override
        public org.slf4j.Logger getLogger(Class<?> clazz) {
          return org.slf4j.helpers.NOPLogger.NOP_LOGGER;
        }
      };

  /**
   * One config for every connection: it holds only factories, and making one tries every cipher
   * SSHJ knows.
   */
  private static final DefaultConfig CONFIG = quietConfig();

  /** Each command's stderr is read on a thread of its own while its stdout is read. */
  private static final ExecutorService STDERR_READERS =
      Executors.newCachedThreadPool(
          work -> {
            Thread thread = new Thread(work, "lb-ssh-stderr");
            thread.setDaemon(true);
            return thread;
          });

  private final SshTarget target;
  private final SSHClient client;
  private final String acceptedHostKey;

  private SshConnection(SshTarget target, SSHClient client, String acceptedHostKey) {
    this.target = target;
    this.client = client;
    this.acceptedHostKey = acceptedHostKey;
  }

  /** What was accepted on first use, for a warning (lb.acceptNewHostKeys), or empty. */
  public String acceptedHostKey() {
    return acceptedHostKey;
  }

  /**
   * Connects, verifies the host key against the target's known_hosts and logs in.
   *
   * @throws SshException naming the host and the step that failed
   */
  public static SshConnection open(SshTarget target) {
    SSHClient client = new SSHClient(CONFIG);
    StrictKnownHosts knownHosts;
    Path file = target.hostKeys().file();
    try {
      if (target.hostKeys().acceptNew() && file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      knownHosts = StrictKnownHosts.of(file, target.hostKeys().acceptNew());
    } catch (IOException e) {
      throw new SshException(target.host(), "cannot read known_hosts " + file, e);
    }
    client.addHostKeyVerifier(knownHosts);
    client.setConnectTimeout((int) target.connectTimeout().toMillis());
    client.setTimeout((int) target.connectTimeout().toMillis());
    try {
      client.connect(target.address(), target.port());
    } catch (TransportException e) {
      close(client);
      String why = knownHosts.refusal().isEmpty() ? e.getMessage() : knownHosts.refusal();
      throw new SshException(
          target.host(),
          "refused to connect to " + target.address() + ":" + target.port() + ": " + why,
          e);
    } catch (IOException e) {
      close(client);
      throw new SshException(
          target.host(),
          "cannot connect to " + target.address() + ":" + target.port() + ": " + e.getMessage(),
          e);
    }
    try {
      if (target.privateKey() != null) {
        KeyProvider keys =
            target.passphrase() == null
                ? client.loadKeys(target.privateKey().toString())
                : client.loadKeys(
                    target.privateKey().toString(),
                    PasswordUtils.createOneOff(target.passphrase().reveal().toCharArray()));
        client.authPublickey(target.user(), keys);
      } else if (target.password() != null) {
        client.authPassword(target.user(), target.password().reveal());
      } else {
        throw new SshException(
            target.host(), "no private key and no password to log in as " + target.user(), null);
      }
    } catch (IOException e) {
      close(client);
      throw new SshException(
          target.host(), "login as " + target.user() + " failed: " + e.getMessage(), e);
    }
    return new SshConnection(target, client, knownHosts.accepted());
  }

  private static DefaultConfig quietConfig() {
    DefaultConfig config = new DefaultConfig();
    // SSHJ's own protocol chatter is not for the build log; failures reach the user as
    // SshException.
    config.setLoggerFactory(QUIET);
    return config;
  }

  /** Runs {@code command} in a session of its own and waits for it at most {@code timeout}. */
  public CommandResult exec(String command, Duration timeout) {
    return exec(command, null, timeout);
  }

  /**
   * Runs {@code command} with {@code stdin} as its standard input (how file contents travel: never
   * on a command line, where other users of the host could see them).
   */
  public CommandResult exec(String command, byte[] stdin, Duration timeout) {
    try (Session session = client.startSession()) {
      Session.Command running = session.exec(command);
      if (stdin != null) {
        try (OutputStream in = running.getOutputStream()) {
          in.write(stdin);
        }
      }
      CompletableFuture<String> stderr =
          CompletableFuture.supplyAsync(() -> read(running.getErrorStream()), STDERR_READERS);
      String stdout = read(running.getInputStream());
      running.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      running.close();
      Integer exit = running.getExitStatus();
      if (exit == null) {
        throw new SshException(
            target.host(),
            "'" + firstWord(command) + "' gave no exit status within " + timeout.toSeconds() + " s",
            null);
      }
      return new CommandResult(exit, stdout, stderr.join());
    } catch (IOException e) {
      throw new SshException(
          target.host(), "running '" + firstWord(command) + "' failed: " + e.getMessage(), e);
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

  @Override
  public void close() {
    close(client);
  }

  private static String read(InputStream in) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstWord(String command) {
    String trimmed = command.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space) + " ...";
  }

  private static void close(SSHClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // Closing a connection that failed or is done: nothing left to do.
    }
  }
}
