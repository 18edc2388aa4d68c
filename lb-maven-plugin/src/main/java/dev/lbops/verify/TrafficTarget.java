package dev.lbops.verify;

import dev.lbops.remote.VipFrontend;
import java.time.Duration;
import java.util.Set;

/**
 * A frontend reached through a VIP ({@link VipFrontend}, which the deploy's post-deploy check
 * requests too). A TLS bind must complete a handshake and, when its {@code crt} is a shipped file,
 * serve that file's certificate; an HTTP frontend must answer a {@code GET /} with a status below
 * 500 (a 503 means HAProxy has no server left); a TCP one must accept the connection. Each request
 * opens its own connection, so a failover shows as it would to a new client.
 *
 * @param http whether the proxy speaks HTTP (over TLS when {@code tls})
 * @param clientCertificate whether the TLS bind requires a client certificate (then checked up to
 *     the certificate it serves)
 * @param certificate the path a TLS bind's {@code crt} names, or empty
 * @param shipped the SHA-256 fingerprints of the certificates shipped to that path (one per
 *     distinct file, as hosts may ship their own), empty when the path is not shipped
 */
record TrafficTarget(
    String frontend,
    String address,
    int port,
    boolean http,
    boolean tls,
    boolean clientCertificate,
    String certificate,
    Set<String> shipped) {

  TrafficTarget {
    shipped = Set.copyOf(shipped);
  }

  String display() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  /** Sends one request; returns null when it succeeded, else what went wrong. */
  String request(Duration timeout) {
    return asVipFrontend().request(timeout);
  }

  /** Sends one request: what went wrong, if anything, and the certificate a TLS bind served. */
  VipFrontend.Answer exchange(Duration timeout) {
    return asVipFrontend().exchange(timeout);
  }

  private VipFrontend asVipFrontend() {
    return new VipFrontend(frontend, address, port, http, tls, clientCertificate, certificate);
  }
}
