package dev.lbops.ssh;

/** How a remote command ended and what it printed. */
public record CommandResult(int exitStatus, String stdout, String stderr) {

  public boolean ok() {
    return exitStatus == 0;
  }
}
