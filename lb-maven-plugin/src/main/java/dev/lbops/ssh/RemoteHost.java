package dev.lbops.ssh;

import dev.lbops.core.LbLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A host's shell over its one SSH connection: scripts go to {@code sh} on standard input (no
 * quoting, nothing on a command line), through {@code sudo} when the user is not root. Sudo runs
 * with {@code -n}; when the user's password is known (the login's password from settings.xml) and
 * sudo asks for it, it is given on standard input, ahead of the script.
 */
public final class RemoteHost implements AutoCloseable {

  private final SshConnection connection;
  private final boolean sudo;
  private final Duration timeout;
  private final LbLog log;
  private Boolean sudoNeedsPassword;

  public RemoteHost(SshConnection connection, Duration timeout, LbLog log) {
    this.connection = connection;
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
      sudoNeedsPassword = !connection.exec("sudo -n true", timeout).ok();
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

  public CommandResult script(String script) {
    String shell = asRoot("sh -s");
    return timed(
        script.lines().findFirst().orElse(""),
        () -> connection.exec(shell, input(script), timeout));
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

  @Override
  public void close() {
    connection.close();
  }
}
