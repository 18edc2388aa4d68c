package dev.lbops.lab;

import dev.lbops.core.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Processes by PID, identified also by their start time so that a reused PID is left alone. */
final class Processes {

  private Processes() {}

  /** The kernel's start time of {@code pid} (field 22 of /proc/PID/stat), or -1 when it is gone. */
  static long startTime(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String afterName = stat.substring(stat.lastIndexOf(')') + 2);
      return Long.parseLong(afterName.split(" ")[19]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static boolean isAlive(long pid, long startTime) {
    return pid > 0 && startTime(pid) == startTime;
  }

  /** The first child of {@code pid}, or 0 when it has none (yet). */
  static long firstChild(long pid) {
    try {
      for (Path task : Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
        String children = Files.readString(task.resolve("children")).strip();
        if (!children.isEmpty()) {
          return Long.parseLong(children.split(" ")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /**
   * Ends the process we started (SIGTERM, then SIGKILL after {@code graceMillis}); false if it was
   * gone.
   */
  static boolean end(long pid, long startTime, long graceMillis) {
    if (!isAlive(pid, startTime)) {
      return false;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    long deadline = System.currentTimeMillis() + graceMillis;
    while (isAlive(pid, startTime) && System.currentTimeMillis() < deadline) {
      Threads.sleep(20);
    }
    if (isAlive(pid, startTime)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      while (isAlive(pid, startTime) && System.currentTimeMillis() < deadline + 5000) {
        Threads.sleep(20);
      }
    }
    return true;
  }
}
