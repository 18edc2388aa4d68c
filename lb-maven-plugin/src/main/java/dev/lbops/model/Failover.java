package dev.lbops.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How soon a backup takes the VIPs over from a master it no longer hears: the CMDB's {@code
 * failover}, per instance or for all of a host's instances.
 */
public enum Failover {
  /** As the instance's own {@code advert_int} says (Keepalived's 1 s when left out). */
  STANDARD,
  /**
   * Within about 100 ms of the master's last advert: VRRPv3 adverts every {@link #FAST_ADVERT_INT}
   * s unless the instance writes its own, priorities close enough that the backup's skew stays
   * small, and a second round of gratuitous ARPs {@link #FAST_GARP_MASTER_DELAY} s after a takeover
   * instead of Keepalived's 5.
   */
  FAST;

  /**
   * The {@code advert_int} a fast instance gets when it writes none, in seconds: the lab's node
   * loss drills moved the VIPs in about 125 ms with it, and a 10-minute soak on a loaded machine
   * saw no false failover (README, "Failover measured").
   */
  public static final BigDecimal FAST_ADVERT_INT = new BigDecimal("0.03");

  /** The longest master down interval (3 adverts plus the skew) a fast instance may have. */
  public static final long FAST_MASTER_DOWN_MILLIS = 100;

  /** The {@code garp_master_delay} a fast instance gets when it writes none, in seconds. */
  public static final int FAST_GARP_MASTER_DELAY = 1;

  /** The word the CMDB uses. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * VRRP's master down interval of that member, in milliseconds: 3 adverts plus its skew, (256 -
   * priority) / 256 of an advert.
   */
  public static long masterDownMillis(VrrpInstance member) {
    BigDecimal advert = member.advertInt();
    BigDecimal skew =
        advert
            .multiply(BigDecimal.valueOf(256 - member.priority()))
            .divide(BigDecimal.valueOf(256), 6, RoundingMode.HALF_UP);
    return advert.multiply(BigDecimal.valueOf(3)).add(skew).movePointRight(3).longValue();
  }
}
