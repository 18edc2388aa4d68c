package dev.lbops.deploy;

import static dev.lbops.remote.HostStepException.lastLines;

import dev.lbops.core.LbLog;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.HostStepException;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packages a host lacks, installed before its files are uploaded: HAProxy's and Keepalived's
 * when missing, and the tools its kernel settings need (only those it lacks, so that nothing
 * installed is upgraded on the way).
 */
final class PackageInstallation {

  private final LbLog log;

  PackageInstallation(LbLog log) {
    this.log = log;
  }

  /** Whether the host lacks HAProxy, Keepalived or a tool its kernel settings need. */
  static boolean needed(HostFacts facts, KernelSettings kernel) {
    return facts.haproxyVersion().isEmpty()
        || facts.keepalivedVersion().isEmpty()
        || !facts.tools().containsAll(kernel.tools());
  }

  /** Installs what the host lacks, with its package manager; throws when that fails. */
  void install(RemoteHost remote, HostConfig host, HostFacts facts, KernelSettings kernel) {
    List<String> packages = new ArrayList<>();
    if (facts.haproxyVersion().isEmpty()) {
      packages.addAll(host.haproxy().packages());
    }
    if (facts.keepalivedVersion().isEmpty()) {
      packages.addAll(host.keepalived().packages());
    }
    kernel.tools().stream().filter(tool -> !facts.tools().contains(tool)).forEach(packages::add);
    if (!List.of("apt-get", "dnf", "yum").contains(facts.packageManager())) {
      throw HostStepException.of(
          host.name(),
          "installing packages",
          String.join(" ", packages)
              + " missing and the host has no apt-get, dnf or yum to install them: install them"
              + " on the host");
    }
    String script = script(facts.packageManager(), packages);
    log.info("[" + host.name() + "] installing " + String.join(" ", packages));
    CommandResult result = remote.script(script);
    if (!result.ok()) {
      throw HostStepException.failed(
          host.name(),
          "installing packages",
          facts.packageManager() + " install " + String.join(" ", packages),
          result,
          host.secrets(),
          "installing " + packages + " failed: " + lastLines(result.stderr()));
    }
  }

  /** Installs {@code packages} with {@code manager}: apt-get, dnf or yum. */
  static String script(String manager, List<String> packages) {
    return Scripts.render(
        "install.sh",
        Map.of("aptGet", manager.equals("apt-get"), "manager", manager, "packages", packages));
  }
}
