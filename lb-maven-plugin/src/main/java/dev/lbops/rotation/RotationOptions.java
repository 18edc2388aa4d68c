package dev.lbops.rotation;

import dev.lbops.ssh.HostKeys;
import java.time.Duration;
import java.util.List;

/**
 * What lb:drain or lb:ready does and how it reaches the load balancers.
 *
 * @param servers the servers, each by its name or address ({@code web1}, {@code 198.18.0.101} or
 *     {@code 198.18.0.101:80}), as HAProxy knows them on every load balancer
 * @param timeout how long a drain waits for the servers' sessions to end ({@code lb.drainTimeout}),
 *     or a ready for the health checks to see them up ({@code lb.readyTimeout})
 * @param lockTimeout how long to wait for another run's lock on a load balancer
 * @param breakLock whether another run's live lock is broken instead ({@code lb.breakLock})
 */
public record RotationOptions(
    List<String> servers,
    Duration timeout,
    HostKeys hostKeys,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration lockTimeout,
    boolean breakLock) {

  public RotationOptions {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException(
          "no server is named: list the servers by name or address in lb.servers (web1,web2)");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("the timeout must not be negative");
    }
  }
}
