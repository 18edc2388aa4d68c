package dev.lbops.lab;

import dev.lbops.core.LbLog;
import dev.lbops.core.Threads;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshTarget;
import dev.lbops.ssh.HostKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Helpers for tests against a lab: where labs live, SSH to a host, waiting for an effect. */
final class LabFixture {

  static final Path LABS = Path.of("target/it-labs");

  private LabFixture() {}

  static Lab up(String name, int loadBalancers, int backends) {
    return up(name, HostKind.LIGHT, loadBalancers, backends);
  }

  static Lab up(String name, HostKind kind, int loadBalancers, int backends) {
    return Lab.up(new LabSpec(name, kind, loadBalancers, backends, LABS.resolve(name)), LbLog.NONE);
  }

  static SshTarget target(Lab lab, LabHost host, Path knownHosts) {
    return new SshTarget(host.name(), host.address(), 22, "root", lab.clientKey(), null, null, HostKeys.strict(knownHosts), Duration.ofSeconds(10));
  }

  static SshConnection ssh(Lab lab, LabHost host) {
    return SshConnection.open(target(lab, host, lab.knownHosts()));
  }

  static CommandResult run(Lab lab, String host, String command) {
    try (SshConnection ssh = ssh(lab, lab.host(host))) {
      return ssh.exec(command, Duration.ofSeconds(30));
    }
  }

  /** Waits until {@code condition} holds, at most {@code timeout}; false if it never did. */
  static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Threads.sleep(100);
    }
    return condition.getAsBoolean();
  }
}
