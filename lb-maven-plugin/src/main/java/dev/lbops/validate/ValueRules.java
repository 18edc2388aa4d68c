package dev.lbops.validate;

import dev.lbops.binding.Suggestions;
import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Bind;
import dev.lbops.model.Cache;
import dev.lbops.model.Frontend;
import dev.lbops.model.Garp;
import dev.lbops.model.GlobalDefs;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HaproxyGlobal;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.LvsCheck;
import dev.lbops.model.LvsService;
import dev.lbops.model.Origin;
import dev.lbops.model.Range;
import dev.lbops.model.RealServer;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules about one value, or about the values of one element together: numbers in their ranges, a
 * certificate for every TLS bind, a known balance algorithm, lines listed under the proxy's own
 * mode.
 */
final class ValueRules {

  private static final List<String> BALANCE_ALGORITHMS =
      List.of(
          "roundrobin",
          "static-rr",
          "leastconn",
          "first",
          "source",
          "uri",
          "url_param",
          "hdr",
          "random",
          "rdp-cookie",
          "hash");

  private final String host;
  private final List<Problem> problems = new ArrayList<>();

  private ValueRules(String host) {
    this.host = host;
  }

  /** Every problem of the host's values. */
  static List<Problem> check(HostConfig host) {
    ValueRules rules = new ValueRules(host.name());
    host.keepalived().instances().forEach(rules::instance);
    host.keepalived().virtualServers().forEach(server -> rules.lvs(server.service()));
    GlobalDefs defs = host.keepalived().globalDefs();
    rules.inRange(
        defs.origin(),
        "smtp_connect_timeout",
        defs.smtpConnectTimeout(),
        GlobalDefs.SMTP_CONNECT_TIMEOUT);
    rules.haproxy(host.haproxy());
    return rules.problems;
  }

  // ------------------------------------------------------------------ Keepalived

  private void instance(VrrpInstance instance) {
    Origin origin = instance.origin();
    inRange(origin, "router_id", instance.routerId(), VrrpInstance.ROUTER_ID);
    inRange(origin, "priority", instance.priority(), VrrpInstance.PRIORITY);
    if (instance.advertInt().signum() <= 0) {
      error(
          origin,
          "advert_int",
          "must be greater than 0",
          "write a number of seconds greater than 0, such as 1 or 0.5");
    }
    instance.virtualIps().forEach(vip -> virtualIp(instance, vip));
    inRange(origin, "preempt_delay", instance.preemptDelay(), VrrpInstance.PREEMPT_DELAY);
    inRange(origin, "garp_master_delay", instance.garp().masterDelay(), Garp.MASTER_DELAY);
    inRange(origin, "garp_master_repeat", instance.garp().masterRepeat(), Garp.MASTER_REPEAT);
    inRange(origin, "garp_master_refresh", instance.garp().masterRefresh(), Garp.MASTER_REFRESH);
  }

  private void virtualIp(VrrpInstance instance, VirtualIp vip) {
    Origin origin = vip.origin();
    inRange(origin, "cidr", vip.cidr(), VirtualIp.cidrRange(vip.isIpv6()));
    String dev = vip.dev().isEmpty() ? instance.interfaceName() : vip.dev();
    if (!vip.label().isEmpty() && !vip.label().startsWith(dev + ":")) {
      error(
          origin,
          "label",
          "label '" + vip.label() + "' does not start with '" + dev + ":'",
          "the kernel takes only labels that start with the interface's name and ':', such as "
              + dev
              + ":1");
    }
    if (vip.lvs() != null) {
      lvs(vip.lvs());
    }
  }

  private void lvs(LvsService lvs) {
    Origin origin = lvs.origin();
    inRange(origin, "port", lvs.port(), LvsService.PORT);
    required(origin, "lb_algo", lvs.lbAlgo(), "picks wlc");
    required(origin, "lb_kind", lvs.lbKind(), "picks NAT");
    required(origin, "protocol", lvs.protocol(), "picks UDP");
    inRange(origin, "delay_loop", lvs.delayLoop(), LvsService.DELAY_LOOP);
    inRange(
        origin, "persistence_timeout", lvs.persistenceTimeout(), LvsService.PERSISTENCE_TIMEOUT);
    for (RealServer real : lvs.realServers()) {
      inRange(real.origin(), "port", real.port(), LvsService.PORT);
      inRange(real.origin(), "weight", real.weight(), RealServer.WEIGHT);
      for (LvsCheck check : real.checks()) {
        inRange(check.origin(), "connect_port", check.connectPort(), LvsService.PORT);
        inRange(check.origin(), "connect_timeout", check.connectTimeout(), LvsCheck.SMALL);
      }
    }
  }

  // ------------------------------------------------------------------ HAProxy

  private void haproxy(HaproxyConfig haproxy) {
    inRange(haproxy.origin(), "maxconn", haproxy.maxconn(), HaproxyConfig.MAXCONN);
    HaproxyGlobal global = haproxy.global();
    inRange(global.origin(), "nbthread", global.nbthread(), HaproxyGlobal.NBTHREAD);
    inRange(global.origin(), "uid", global.uid(), HaproxyGlobal.ID);
    inRange(global.origin(), "gid", global.gid(), HaproxyGlobal.ID);
    boolean crtBase =
        global.setting("crt-base").isPresent() || global.setting("default-path").isPresent();
    if (haproxy.stats() != null) {
      certificates(haproxy.stats().origin(), haproxy.stats().binds(), crtBase);
    }
    for (Frontend frontend : haproxy.frontends()) {
      certificates(frontend.origin(), frontend.binds(), crtBase);
    }
    haproxy.backends().forEach(backend -> proxy(backend, haproxy.defaultMode()));
    for (Listen listen : haproxy.listens()) {
      certificates(listen.proxy().origin(), listen.binds(), crtBase);
      proxy(listen.proxy(), haproxy.defaultMode());
    }
    for (Cache cache : haproxy.caches()) {
      inRange(cache.origin(), "total_max_size", cache.totalMaxSize(), Cache.TOTAL_MAX_SIZE);
      inRange(cache.origin(), "max_object_size", cache.maxObjectSize(), Cache.SIZE);
      inRange(cache.origin(), "max_age", cache.maxAge(), Cache.SIZE);
    }
  }

  /** Every TLS bind names its certificate: a path, relative to crt-base when one is set. */
  private void certificates(Origin origin, List<Bind> binds, boolean crtBase) {
    for (Bind bind : binds) {
      boolean named =
          bind.options().matches(".*\\bcrt /\\S+.*")
              || crtBase && bind.options().matches(".*\\bcrt \\S+.*");
      if (bind.isTls() && !named) {
        error(
            origin,
            "bind",
            "'" + bind.written() + "' uses ssl without a certificate",
            "add 'crt /etc/haproxy/certs/<name>.pem' (an absolute path on the host, or one"
                + " relative to haproxy_global.crt_base or default_path)");
      }
    }
  }

  private void proxy(Backend proxy, String defaultMode) {
    Origin origin = proxy.origin();
    String algorithm = proxy.balance().split("[\\s(]")[0];
    if (!proxy.balance().isEmpty() && !BALANCE_ALGORITHMS.contains(algorithm)) {
      error(
          origin,
          "balance",
          "unknown balance algorithm '" + proxy.balance() + "'",
          Suggestions.didYouMean(algorithm, BALANCE_ALGORITHMS));
    }
    String mode = proxy.mode();
    String effective = proxy.effectiveMode(defaultMode);
    for (String key : Backend.MODE_KEYS) {
      if (!proxy.linesUnder(key).isEmpty() && !key.equals(effective)) {
        error(
            origin,
            key,
            "lines under '"
                + key
                + "' are used only with mode: "
                + key
                + " (this proxy's mode is "
                + (mode.isEmpty() ? effective + ", that of defaults" : mode)
                + ")",
            "set 'mode: "
                + key
                + "', or move the lines under '"
                + effective
                + "' or under 'lines' (written in any mode)");
      }
    }
  }

  // ------------------------------------------------------------------ reporting

  /** A setting Keepalived wants written: left out, it picks a default and keepalived -t fails. */
  private void required(Origin origin, String field, String value, String fallback) {
    if (value.isEmpty()) {
      error(
          origin,
          field,
          "a virtual server needs "
              + field
              + ": without it Keepalived "
              + fallback
              + " and keepalived -t fails",
          "write " + field + ", or leave the key out for the plugin's default");
    }
  }

  /** A written number outside its range; defaults are the plugin's own, never judged. */
  void inRange(Origin origin, String field, Integer value, Range range) {
    if (value != null && origin.written(field) && !range.contains(value)) {
      error(
          origin,
          field,
          value + " is out of range " + range.min() + ".." + range.max(),
          "write a whole number from " + range.min() + " to " + range.max());
    }
  }

  private void error(Origin origin, String field, String message, String hint) {
    problems.add(Problem.error(origin.of(field), host, origin.key(field), message, hint));
  }
}
