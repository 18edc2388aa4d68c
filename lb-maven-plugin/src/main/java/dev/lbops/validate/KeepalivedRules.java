package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Failback;
import dev.lbops.model.GlobalDefs;
import dev.lbops.model.HostConfig;
import dev.lbops.model.LvsService;
import dev.lbops.model.NotifyScripts;
import dev.lbops.model.Origin;
import dev.lbops.model.RealServer;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules about one host's Keepalived settings that {@code keepalived -t} would refuse: scripts
 * without script security, AH authentication on a MASTER that starts as one, nopreempt at priority
 * 255, and one address added two ways.
 */
final class KeepalivedRules {

  private KeepalivedRules() {}

  static void check(HostConfig host, Reported reported, List<Problem> problems) {
    String name = host.name();
    scriptSecurity(host, problems);
    for (VrrpInstance instance : host.keepalived().instances()) {
      Origin origin = instance.origin();
      Failback failback = Failback.of(host, instance);
      if (failback == Failback.NEVER
          && instance.priority() == VrrpInstance.OWNER_PRIORITY
          && !reported.at(name, origin.key("priority"))) {
        problems.add(
            Problem.error(
                origin.of("nopreempt"),
                name,
                origin.key("nopreempt"),
                "nopreempt (failback: never) does not go with priority 255: the addresses' owner"
                    + " always takes them (keepalived -t refuses it)",
                "remove nopreempt and set failback: delayed or immediate, or give this host a"
                    + " priority below 255"));
      }
      if (instance.authentication() != null
          && instance.authentication().type().equals("AH")
          && instance.state() == VrrpState.MASTER
          && failback == Failback.IMMEDIATE) {
        problems.add(
            Problem.error(
                origin.of("authentication"),
                name,
                origin.key("authentication"),
                "Keepalived clears the MASTER start state of an instance with AH authentication"
                    + " (keepalived -t fails on it)",
                "start it as BACKUP and let the priority elect (as failback: delayed or never do), or"
                    + " use PASS authentication"));
      }
      duplicateVips(instance, name, problems);
    }
  }

  /**
   * Keepalived runs the scripts of a config (chk_haproxy, notify scripts, vrrp_scripts, MISC_CHECK
   * programs) only with script security on and a user to run them as: without, {@code keepalived
   * -t} fails.
   */
  private static void scriptSecurity(HostConfig host, List<Problem> problems) {
    GlobalDefs defs = host.keepalived().globalDefs();
    if (defs.enableScriptSecurity() && !defs.scriptUser().isEmpty()) {
      return;
    }
    List<String> scripts = new ArrayList<>();
    for (VrrpInstance instance : host.keepalived().instances()) {
      if (instance.trackHaproxy()) {
        scripts.add("chk_haproxy of " + instance.name());
      }
      NotifyScripts notify = instance.notifyScripts();
      if (!(notify.master() + notify.backup() + notify.fault() + notify.any()).isEmpty()) {
        scripts.add("the notify scripts of " + instance.name());
      }
      for (VirtualIp vip : instance.virtualIps()) {
        miscChecks(vip.lvs(), scripts);
      }
    }
    host.keepalived().scripts().forEach(script -> scripts.add("vrrp_script " + script.name()));
    host.keepalived().virtualServers().forEach(server -> miscChecks(server.service(), scripts));
    if (scripts.isEmpty()) {
      return;
    }
    Origin origin = defs.origin();
    String field = defs.enableScriptSecurity() ? "script_user" : "enable_script_security";
    problems.add(
        Problem.error(
            origin.of(field),
            host.name(),
            origin.key(field),
            "keepalived.conf runs scripts ("
                + String.join(", ", scripts)
                + ") without "
                + (defs.enableScriptSecurity() ? "a script_user" : "enable_script_security")
                + ": keepalived -t fails on it",
            "leave script_user (root) and enable_script_security (true) at their defaults, or"
                + " remove the scripts (track_haproxy: false)"));
  }

  private static void miscChecks(LvsService service, List<String> scripts) {
    if (service == null) {
      return;
    }
    for (RealServer server : service.realServers()) {
      if (server.checks().stream()
          .anyMatch(check -> check.miscPath() != null && !check.miscPath().isEmpty())) {
        scripts.add("the MISC_CHECK of real server " + server.ip() + " on port " + service.port());
      }
    }
  }

  /**
   * The same address twice in an instance: once per LVS port is fine, two ways of adding it not.
   */
  private static void duplicateVips(VrrpInstance instance, String host, List<Problem> problems) {
    Map<String, VirtualIp> seen = new HashMap<>();
    for (VirtualIp vip : instance.virtualIps()) {
      VirtualIp first = seen.putIfAbsent(vip.ip(), vip);
      if (first != null
          && !(first.cidr() == vip.cidr()
              && first.dev().equals(vip.dev())
              && first.scope().equals(vip.scope())
              && first.label().equals(vip.label()))) {
        problems.add(
            Problem.error(
                vip.origin().location(),
                host,
                vip.origin().keyPath(),
                "virtual IP "
                    + vip.ip()
                    + " is listed twice in instance '"
                    + instance.name()
                    + "' with different cidr, dev, scope or label",
                "list each address once (an address with two LVS ports may be listed twice, alike)"));
      }
    }
  }
}
