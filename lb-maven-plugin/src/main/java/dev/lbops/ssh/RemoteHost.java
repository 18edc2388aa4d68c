package dev.lbops.ssh;

import dev.lbops.core.LbLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A host's shell over its one SSH connection: scripts go to {@code sh} on standard input (no
 * quoting, nothing on a command line), through {@code sudo -n} when the user is not root.
 */
public final class RemoteHost implements AutoCloseable {

  private final SshConnection connection;
  private final boolean sudo;
  private final Duration timeout;
  private final LbLog log;

  public RemoteHost(SshConnection connection, boolean sudo, Duration timeout, LbLog log) {
    this.connection = connection;
    this.sudo = sudo;
    this.timeout = timeout;
    this.log = log;
  }

  public String name() {
    return connection.target().host();
  }

  public CommandResult script(String script) {
    String shell = sudo ? "sudo -n sh -s" : "sh -s";
    return timed(
        script.lines().findFirst().orElse(""),
        () -> connection.exec(shell, script.getBytes(StandardCharsets.UTF_8), timeout));
  }

  /** Writes {@code content} to {@code path} (a fixed path of ours), readable by root only. */
  public CommandResult write(String path, String content) {
    String command = "umask 077 && cat > " + path;
    String wrapped = sudo ? "sudo -n sh -c '" + command + "'" : command;
    return timed(
        "write " + path,
        () -> connection.exec(wrapped, content.getBytes(StandardCharsets.UTF_8), timeout));
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
