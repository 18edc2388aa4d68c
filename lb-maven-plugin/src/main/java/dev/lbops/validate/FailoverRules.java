package dev.lbops.validate;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.model.Failover;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Origin;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.SharedInstance.Member;
import dev.lbops.model.VrrpInstance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules of {@code failover: fast}: what it needs of each instance (VRRPv3, so no authentication and
 * no {@code vrrp_version: 2}; a master down interval of at most 100 ms, which bounds {@code
 * advert_int} and the priorities; a second round of gratuitous ARPs), and the same failover on
 * every host of an instance.
 */
final class FailoverRules {

  private FailoverRules() {}

  /** The problems of one host's fast instances. */
  static List<Problem> check(HostConfig host) {
    List<Problem> problems = new ArrayList<>();
    for (VrrpInstance instance : host.keepalived().instances()) {
      if (instance.failover() == Failover.FAST) {
        fast(host, instance, problems);
      }
    }
    return problems;
  }

  private static void fast(HostConfig host, VrrpInstance instance, List<Problem> problems) {
    Origin origin = instance.origin();
    if (instance.authentication() != null) {
      problems.add(
          error(
              host,
              origin,
              "authentication",
              "failover: fast needs VRRP version 3 (fractional advert_int), which has no"
                  + " authentication, and instance '"
                  + instance.name()
                  + "' has some",
              "remove 'authentication' (keep the VRRP network private instead), or set failover:"
                  + " standard"));
    }
    Integer version = instance.options().version();
    if (version != null && version == 2) {
      problems.add(
          error(
              host,
              origin,
              "vrrp_version",
              "failover: fast needs VRRP version 3 (fractional advert_int), but instance '"
                  + instance.name()
                  + "' sets vrrp_version: 2",
              "remove vrrp_version, or write 3"));
    }
    long masterDown = Failover.masterDownMillis(instance);
    if (masterDown > Failover.FAST_MASTER_DOWN_MILLIS) {
      String field =
          origin.written("advert_int") || !origin.written("priority") ? "advert_int" : "priority";
      problems.add(
          error(
              host,
              origin,
              field,
              "failover: fast needs this host to take over within "
                  + Failover.FAST_MASTER_DOWN_MILLIS
                  + " ms of the master's last advert, but advert_int "
                  + instance.advertInt().stripTrailingZeros().toPlainString()
                  + " with priority "
                  + instance.priority()
                  + " makes it "
                  + masterDown
                  + " ms (3 x advert_int + (256 - priority) / 256 x advert_int)",
              hint(instance)));
    }
    Integer garpDelay = instance.garp().masterDelay();
    if (garpDelay != null && garpDelay == 0) {
      problems.add(
          error(
              host,
              origin,
              "garp_master_delay",
              "garp_master_delay 0 sends no second round of gratuitous ARPs after a takeover: with"
                  + " failover: fast, a client that missed the first round keeps sending to the"
                  + " lost master",
              "remove garp_master_delay (fast writes "
                  + Failover.FAST_GARP_MASTER_DELAY
                  + "), or write 1 or more"));
    }
  }

  /** How to get under the limit: the lowest priority that does at this advert_int, if any. */
  private static String hint(VrrpInstance instance) {
    BigDecimal advert = instance.advertInt();
    String fastAdvert = Failover.FAST_ADVERT_INT.toPlainString();
    // 3a + (256 - p) / 256 a <= limit  <=>  p >= 256 - (limit / a - 3) * 256
    double adverts = Failover.FAST_MASTER_DOWN_MILLIS / (advert.doubleValue() * 1000) - 3;
    long lowest = adverts <= 0 ? Long.MAX_VALUE : 256 - (long) Math.floor(adverts * 256);
    return lowest >= VrrpInstance.OWNER_PRIORITY
        ? "leave advert_int out (fast uses "
            + fastAdvert
            + " with priorities close together), or write a smaller one"
        : "give every host of the instance a priority of "
            + lowest
            + " or more (close to the master's, so that the backup's skew stays small), or leave"
            + " advert_int out (fast uses "
            + fastAdvert
            + ")";
  }

  /** Every host of an instance must fail over alike: the adverts they send must match. */
  static void agree(SharedInstance shared, Reported reported, List<Problem> problems) {
    List<Member> members = shared.members();
    Member first = members.get(0);
    Failover expected = first.instance().failover();
    for (Member member : members.subList(1, members.size())) {
      Failover failover = member.instance().failover();
      if (failover != expected && !reported.at(member.name(), key(member))) {
        problems.add(
            Problem.error(
                location(member.host(), member.instance()),
                member.name(),
                key(member),
                "instance '"
                    + shared.name()
                    + "' has failover: "
                    + failover.word()
                    + " here but "
                    + expected.word()
                    + " on "
                    + first.name(),
                "set the same failover on every host of the instance"));
      }
    }
  }

  private static String key(Member member) {
    return member.instance().origin().key("failover");
  }

  /** Where the instance's failover was written: in the instance, else for the host, else it. */
  private static Location location(HostConfig host, VrrpInstance instance) {
    if (instance.origin().written("failover")) {
      return instance.origin().of("failover");
    }
    Origin top = host.keepalived().origin();
    return top.written("failover") ? top.of("failover") : instance.origin().location();
  }

  private static Problem error(
      HostConfig host, Origin origin, String field, String message, String hint) {
    return Problem.error(origin.of(field), host.name(), origin.key(field), message, hint);
  }
}
