package dev.lbops.lab;

import dev.lbops.core.LbLog;
import java.nio.file.Path;

/** Brings a lab up in a JVM of its own, then waits to be killed: a build that dies mid-way. */
public final class LabUpMain {

  private LabUpMain() {}

  public static void main(String[] args) throws InterruptedException {
    Lab.up(new LabSpec(args[0], HostKind.LIGHT, 2, 1, Path.of(args[1])), LbLog.NONE);
    System.out.println("UP");
    System.out.flush();
    Thread.sleep(600_000);
  }
}
