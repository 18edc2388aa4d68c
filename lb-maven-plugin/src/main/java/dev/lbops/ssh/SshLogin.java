package dev.lbops.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Opening an {@link SshConnection}: the TCP connection, the host key checked against known_hosts,
 * keepalives that find a dead peer within the connect timeout, the login; all of it within two
 * connect timeouts, so that a host that accepts the connection but never speaks (a frozen one)
 * fails in seconds.
 */
final class SshLogin {

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
  private static final DefaultConfig CONFIG;

  /** How long making {@link #CONFIG} took, reported by the JVM's first connection only. */
  private static final long CONFIG_NANOS;

  private static final AtomicBoolean CONFIG_REPORTED = new AtomicBoolean();

  static {
    long started = System.nanoTime();
    CONFIG = quietConfig();
    CONFIG_NANOS = System.nanoTime() - started;
  }

  /** Unanswered keepalives after which the peer is taken for dead. */
  private static final int UNANSWERED_KEEPALIVES = 2;

  private SshLogin() {}

  /**
   * Connects, verifies the host key against the target's known_hosts and logs in, all within two
   * connect timeouts (each step alone within one): a host that accepts the connection but never
   * speaks, as a frozen one, fails here.
   *
   * @throws SshException naming the host and the step that failed
   */
  static SshConnection open(SshTarget target) {
    AtomicReference<SSHClient> opening = new AtomicReference<>();
    Future<SshConnection> connecting = SshConnection.WORKERS.submit(() -> connect(target, opening));
    long limit = 2 * target.connectTimeout().toMillis();
    try {
      return connecting.get(limit, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      connecting.cancel(true);
      SshConnection.closeQuietly(opening.getAndSet(null));
      throw new SshException(
          target.host(),
          "no SSH answer from "
              + target.address()
              + ":"
              + target.port()
              + " within "
              + SshConnection.seconds(limit)
              + " (2 x lb.connectTimeout): the host may be frozen, overloaded or cut off",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connecting.cancel(true);
      SshConnection.closeQuietly(opening.getAndSet(null));
      throw new SshException(target.host(), "interrupted while connecting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SshException ssh) {
        throw ssh;
      }
      throw new SshException(
          target.host(), "cannot connect: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static SshConnection connect(SshTarget target, AtomicReference<SSHClient> opening) {
    long started = System.nanoTime();
    SSHClient client = new SSHClient(CONFIG);
    opening.set(client);
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
    int timeout = (int) target.connectTimeout().toMillis();
    client.setConnectTimeout(timeout);
    client.setTimeout(timeout);
    client.getTransport().setTimeoutMs(timeout);
    client.getConnection().setTimeoutMs(timeout);
    KeepAlive keepAlive = client.getConnection().getKeepAlive();
    // A keepalive every third of the connect timeout; the third unanswered one ends the connection.
    keepAlive.setKeepAliveInterval((int) Math.max(1, target.connectTimeout().toSeconds() / 3));
    if (keepAlive instanceof KeepAliveRunner runner) {
      runner.setMaxAliveCount(UNANSWERED_KEEPALIVES);
    }
    try {
      client.connect(target.address(), target.port());
    } catch (TransportException e) {
      SshConnection.closeQuietly(client);
      if (knownHosts.refusal().isEmpty() && timedOut(e)) {
        throw new SshException(
            target.host(),
            "no SSH answer from "
                + target.address()
                + ":"
                + target.port()
                + " within "
                + SshConnection.seconds(timeout)
                + " (lb.connectTimeout): the host may be frozen, overloaded or cut off",
            e);
      }
      String why = knownHosts.refusal().isEmpty() ? e.getMessage() : knownHosts.refusal();
      throw new SshException(
          target.host(),
          "refused to connect to " + target.address() + ":" + target.port() + ": " + why,
          e);
    } catch (IOException e) {
      SshConnection.closeQuietly(client);
      throw new SshException(
          target.host(),
          "cannot connect to " + target.address() + ":" + target.port() + ": " + e.getMessage(),
          e);
    }
    long connected = System.nanoTime();
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
      SshConnection.closeQuietly(client);
      throw new SshException(
          target.host(), "login as " + target.user() + " failed: " + e.getMessage(), e);
    }
    if (opening.get() == null) {
      SshConnection.closeQuietly(client); // the caller stopped waiting for it
      throw new SshException(target.host(), "connected too late", null);
    }
    return new SshConnection(
        target,
        client,
        knownHosts.accepted(),
        new SshConnection.Opening(
            CONFIG_REPORTED.getAndSet(true) ? 0 : CONFIG_NANOS,
            connected - started,
            System.nanoTime() - connected));
  }

  /** Whether the peer said nothing in time, rather than something wrong. */
  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.SocketTimeoutException
          || String.valueOf(cause.getMessage()).contains("Timeout expired")) {
        return true;
      }
    }
    return false;
  }

  private static DefaultConfig quietConfig() {
    DefaultConfig config = new DefaultConfig();
    // SSHJ's own protocol chatter is not for the build log; failures reach the user as
    // SshException.
    config.setLoggerFactory(QUIET);
    // Keepalives that expect an answer: a peer that stops answering is found dead.
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    return config;
  }
}
