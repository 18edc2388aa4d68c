package dev.lbops.remote;

import dev.lbops.model.Bind;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A frontend reached through a VIP, as a client reaches it: what lb:verify's traffic checks and the
 * deploy's post-deploy check request. An HTTP frontend must answer a {@code GET /} with a status
 * below 500 (a 503 means HAProxy has no server left); a TCP or TLS one must accept the connection.
 * Each request opens its own connection.
 */
public record VipFrontend(String frontend, String address, int port, boolean http) {

  private static final Set<String> ANY_ADDRESS = Set.of("*", "", "0.0.0.0", "::");

  public String display() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  /** Every frontend bound to a VIP (or to all addresses), once per VIP and port. */
  public static List<VipFrontend> all(Cluster cluster) {
    return of(cluster.hosts());
  }

  /** The frontends of {@code hosts} bound to their VIPs (or to all addresses). */
  public static List<VipFrontend> of(List<HostConfig> hosts) {
    Set<String> vips = new LinkedHashSet<>();
    hosts.stream()
        .flatMap(host -> host.keepalived().instances().stream())
        .flatMap(instance -> instance.virtualIps().stream())
        .map(VirtualIp::ip)
        .forEach(vips::add);
    Map<String, VipFrontend> targets = new LinkedHashMap<>();
    for (HostConfig host : hosts) {
      host.haproxy()
          .frontends()
          .forEach(
              frontend ->
                  add(
                      targets,
                      vips,
                      frontend.name(),
                      frontend.binds(),
                      isHttp(host, frontend.mode(), frontend.defaultBackend())));
      host.haproxy()
          .listens()
          .forEach(
              listen ->
                  add(
                      targets,
                      vips,
                      listen.name(),
                      listen.binds(),
                      "http".equals(listen.proxy().mode())));
    }
    return List.copyOf(targets.values());
  }

  private static boolean isHttp(HostConfig host, String mode, String defaultBackend) {
    if (!mode.isEmpty()) {
      return mode.equals("http");
    }
    return host.haproxy().backends().stream()
        .anyMatch(
            backend -> backend.name().equals(defaultBackend) && "http".equals(backend.mode()));
  }

  private static void add(
      Map<String, VipFrontend> targets,
      Set<String> vips,
      String proxy,
      List<Bind> binds,
      boolean http) {
    for (Bind bind : binds) {
      List<String> addresses =
          vips.contains(bind.address())
              ? List.of(bind.address())
              : ANY_ADDRESS.contains(bind.address())
                  ? vips.stream().filter(vip -> !vip.contains(":")).toList()
                  : List.of();
      for (String address : addresses) {
        targets.putIfAbsent(
            address + ":" + bind.port(),
            new VipFrontend(proxy, address, bind.port(), http && !bind.isTls()));
      }
    }
  }

  /** Sends one request; returns null when it succeeded, else what went wrong. */
  public String request(Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      if (!http) {
        return null;
      }
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET / HTTP/1.0\r\nHost: " + address + "\r\nUser-Agent: lb-maven-plugin verify\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      if (status == null || !status.startsWith("HTTP/")) {
        return "no HTTP answer";
      }
      String[] parts = status.split(" ");
      int code = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
      return code >= 100 && code < 500 ? null : "answered " + status.strip();
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** One request, retried once (a single lost packet is not an outage); null when it succeeded. */
  public String requestTwice(Duration timeout) {
    String failure = request(timeout);
    return failure == null ? null : request(timeout);
  }
}
