package dev.lbops.validate;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.model.Failback;
import dev.lbops.model.HaproxyCheck;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Origin;
import dev.lbops.model.Range;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.SharedInstance.Member;
import dev.lbops.model.VrrpInstance;
import java.util.List;

/**
 * Rules about how a master that comes back takes its VIPs back: the check it must pass first, a
 * {@code failback} that agrees with the instance's own {@code nopreempt} and {@code preempt_delay},
 * the same fail-back on every host of an instance, and warnings for setups Keepalived accepts but
 * that lose requests.
 */
final class FailbackRules {

  private final Reported reported;
  private final List<Problem> problems;

  private FailbackRules(Reported reported, List<Problem> problems) {
    this.reported = reported;
    this.problems = problems;
  }

  /** Adds the cluster's problems; a value {@code reported} already names is not judged again. */
  static void check(Cluster cluster, Reported reported, List<Problem> problems) {
    FailbackRules rules = new FailbackRules(reported, problems);
    cluster.hosts().forEach(rules::host);
    cluster.instances().forEach(rules::agree);
  }

  private void host(HostConfig host) {
    HaproxyCheck check = host.keepalived().haproxyCheck();
    Origin top = host.keepalived().origin();
    inRange(host, top, "interval", check.interval(), HaproxyCheck.INTERVAL);
    inRange(host, top, "rise", check.rise(), HaproxyCheck.RISE);
    inRange(host, top, "fall", check.fall(), HaproxyCheck.FALL);
    for (VrrpInstance instance : host.keepalived().instances()) {
      instance(host, instance);
    }
  }

  private void inRange(HostConfig host, Origin top, String field, int value, Range range) {
    if (!range.contains(value)) {
      problems.add(
          Problem.error(
              top.of("haproxy_check"),
              host.name(),
              "haproxy_check." + field,
              field + " " + value + " is out of range",
              "write a whole number from " + range.min() + " to " + range.max()));
    }
  }

  private void instance(HostConfig host, VrrpInstance instance) {
    Origin origin = instance.origin();
    Failback written = instance.failback();
    boolean delay =
        instance.preemptDelay() != null && !reported.at(host.name(), origin.key("preempt_delay"));
    if (written == Failback.NEVER && delay) {
      error(
          host,
          instance,
          "preempt_delay",
          "preempt_delay does nothing with failback: never (Keepalived ignores it beside"
              + " nopreempt)",
          "remove preempt_delay, or set failback: delayed");
    }
    if (written == Failback.DELAYED && instance.nopreempt()) {
      error(
          host,
          instance,
          "nopreempt",
          "nopreempt contradicts failback: delayed (the master would never take the VIPs back)",
          "remove nopreempt, or set failback: never");
    }
    if (written == Failback.IMMEDIATE && (instance.nopreempt() || delay)) {
      String field = instance.nopreempt() ? "nopreempt" : "preempt_delay";
      error(
          host,
          instance,
          field,
          field + " contradicts failback: immediate",
          "remove " + field + ", or set failback: delayed or never");
    }
    Failback failback = Failback.of(host, instance);
    if (written == Failback.IMMEDIATE) {
      problems.add(
          Problem.warning(
              failbackLocation(host, instance),
              host.name(),
              origin.key("failback"),
              "failback: immediate: a master that comes back takes the VIPs at once, before its"
                  + " HAProxy is known to be ready and maybe in the middle of the backup's own"
                  + " takeover, so requests can fail a second time",
              "use failback: delayed (the default), or never"));
    }
    if (failback == Failback.DELAYED && host.haproxy().sendsClientIp()) {
      problems.add(
          Problem.warning(
              failbackLocation(host, instance),
              host.name(),
              origin.key("failback"),
              "instance '"
                  + instance.name()
                  + "' fails back in client-IP mode: the servers answer through the VIP, so a"
                  + " request in flight when the VIPs move back to the master is lost (lb:verify's"
                  + " drill fails when it sees one)",
              "set failback: never (the default in client-IP mode) to keep the VIPs on the backup"
                  + " after a failover"));
    }
    if (failback == Failback.DELAYED && !instance.trackHaproxy()) {
      problems.add(
          Problem.warning(
              origin.of("track_haproxy"),
              host.name(),
              origin.key("track_haproxy"),
              "instance '"
                  + instance.name()
                  + "' does not track HAProxy: a master that comes back cannot wait for its"
                  + " HAProxy to be ready, only for preempt_delay",
              "remove 'track_haproxy: false'"));
    }
  }

  /** Every host of an instance must fail back alike: the one holding the VIPs decides. */
  private void agree(SharedInstance shared) {
    List<Member> members = shared.members();
    Member first = members.get(0);
    Failback expected = Failback.of(first.host(), first.instance());
    for (Member member : members.subList(1, members.size())) {
      Failback failback = Failback.of(member.host(), member.instance());
      if (failback != expected) {
        problems.add(
            Problem.error(
                failbackLocation(member.host(), member.instance()),
                member.name(),
                member.instance().origin().key("failback"),
                "instance '"
                    + shared.name()
                    + "' fails back '"
                    + failback.word()
                    + "' here but '"
                    + expected.word()
                    + "' on "
                    + first.name(),
                "set the same failback on every host of the instance (nopreempt means never,"
                    + " preempt_delay delayed; client-IP mode defaults to never)"));
      }
    }
  }

  /** Where the instance's fail-back was written: in the instance, else for the host, else it. */
  private static Location failbackLocation(HostConfig host, VrrpInstance instance) {
    if (instance.origin().written("failback")) {
      return instance.origin().of("failback");
    }
    Origin top = host.keepalived().origin();
    return top.written("failback") ? top.of("failback") : instance.origin().location();
  }

  private void error(
      HostConfig host, VrrpInstance instance, String field, String message, String hint) {
    problems.add(
        Problem.error(
            instance.origin().of(field), host.name(), instance.origin().key(field), message, hint));
  }
}
