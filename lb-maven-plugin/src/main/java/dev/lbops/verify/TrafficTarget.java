package dev.lbops.verify;

import dev.lbops.remote.VipFrontend;
import java.time.Duration;

/**
 * A frontend reached through a VIP ({@link VipFrontend}, which the deploy's post-deploy check
 * requests too). An HTTP frontend must answer a {@code GET /} with a status below 500 (a 503 means
 * HAProxy has no server left); a TCP or TLS one must accept the connection. Each request opens its
 * own connection, so a failover shows as it would to a new client.
 */
record TrafficTarget(String frontend, String address, int port, boolean http) {

  String display() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  /** Sends one request; returns null when it succeeded, else what went wrong. */
  String request(Duration timeout) {
    return new VipFrontend(frontend, address, port, http).request(timeout);
  }
}
