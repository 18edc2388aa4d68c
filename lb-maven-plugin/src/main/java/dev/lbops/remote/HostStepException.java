package dev.lbops.remote;

import dev.lbops.core.LbException;
import dev.lbops.core.Secret;
import dev.lbops.core.Shown;
import dev.lbops.ssh.CommandResult;
import java.util.Collection;
import java.util.List;

/**
 * A step on a host failed in a way the user can act on (the host's state, or what the CMDB asks of
 * it). The message names the host and says what failed; the data say which step, which command and
 * how it ended, its standard error redacted of the host's secrets.
 */
public final class HostStepException extends LbException {

  /** The exit status of a step that ran no command. */
  public static final int NO_COMMAND = -1;

  private final String host;
  private final String step;
  private final String command;
  private final int exitStatus;
  private final String stderr;

  private HostStepException(
      String host, String step, String command, int exitStatus, String stderr, String message) {
    super(host + ": " + Shown.block(message), null);
    this.host = host;
    this.step = step;
    this.command = command;
    this.exitStatus = exitStatus;
    this.stderr = Shown.block(stderr);
  }

  /**
   * A step that ran no command failed, such as waiting for the host's lock.
   *
   * @param message what failed and how to fix it, after the host's name
   */
  public static HostStepException of(String host, String step, String message) {
    return new HostStepException(host, step, "", NO_COMMAND, "", message);
  }

  /**
   * A command of a step ended badly.
   *
   * @param command what the command was for, such as {@code install haproxy keepalived}
   * @param secrets the host's secrets, redacted from the message and the standard error
   * @param message what failed, after the host's name
   */
  public static HostStepException failed(
      String host,
      String step,
      String command,
      CommandResult result,
      Collection<Secret> secrets,
      String message) {
    return new HostStepException(
        host,
        step,
        command,
        result.exitStatus(),
        Secret.redact(result.stderr(), secrets),
        Secret.redact(message, secrets));
  }

  /** A host's state or the CMDB is the user's to fix. */
  @Override
  public boolean userFixable() {
    return true;
  }

  public String host() {
    return host;
  }

  /** What was being done, such as {@code reading the host's facts}. */
  public String step() {
    return step;
  }

  /** What the command that failed was for; empty when the step ran none. */
  public String command() {
    return command;
  }

  /** The command's exit status, or {@link #NO_COMMAND}. */
  public int exitStatus() {
    return exitStatus;
  }

  /**
   * The command's standard error, the host's secrets redacted and shown as {@link Shown#block};
   * empty when it ran none.
   */
  public String stderr() {
    return stderr;
  }

  /** The last four lines of a command's output, joined for a one-line message. */
  public static String lastLines(String text) {
    List<String> lines = text.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
  }
}
