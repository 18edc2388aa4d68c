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
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A frontend reached through a VIP, as a client reaches it: what lb:verify's traffic checks and the
 * deploy's post-deploy check request. A TLS bind must complete a TLS handshake; an HTTP frontend
 * must then answer a {@code GET /} with a status below 500 (a 503 means HAProxy has no server
 * left); a TCP one must accept the connection. A TLS bind that requires a client certificate
 * ({@code verify required}) is checked up to the certificate it serves: the check has none to give.
 * Each request opens its own connection.
 *
 * @param http whether the proxy speaks HTTP (over TLS when {@code tls})
 * @param tls whether the bind is {@code ssl}
 * @param clientCertificate whether the TLS bind requires a client certificate
 * @param certificate the path its {@code crt} names, or empty
 */
public record VipFrontend(
    String frontend,
    String address,
    int port,
    boolean http,
    boolean tls,
    boolean clientCertificate,
    String certificate) {

  /** What one request got: {@code failure} is null when it succeeded. */
  public record Answer(String failure, X509Certificate served) {}

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
                  // '::' listens on both families (Linux's default), '*' on IPv4 only.
                  ? vips.stream()
                      .filter(vip -> bind.address().equals("::") || !vip.contains(":"))
                      .toList()
                  : List.of();
      for (String address : addresses) {
        targets.putIfAbsent(
            address + ":" + bind.port(),
            new VipFrontend(
                proxy,
                address,
                bind.port(),
                http,
                bind.isTls(),
                bind.isTls() && requiresClientCertificate(bind.options()),
                certificate(bind.options())));
      }
    }
  }

  private static boolean requiresClientCertificate(String options) {
    return (" " + options.strip().replaceAll("\\s+", " ") + " ").contains(" verify required ");
  }

  private static String certificate(String options) {
    List<String> words = List.of(options.strip().split("\\s+"));
    int crt = words.indexOf("crt");
    return crt >= 0 && crt + 1 < words.size() ? words.get(crt + 1) : "";
  }

  /** Sends one request; returns null when it succeeded, else what went wrong. */
  public String request(Duration timeout) {
    return exchange(timeout).failure();
  }

  /** Sends one request: what went wrong, if anything, and the certificate a TLS bind served. */
  public Answer exchange(Duration timeout) {
    X509Certificate served = null;
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      plain.setSoTimeout((int) timeout.toMillis());
      Socket socket = plain;
      if (tls) {
        ServedChain chain = new ServedChain();
        SSLSocket secure =
            (SSLSocket) chain.socketFactory().createSocket(plain, address, port, true);
        try {
          secure.startHandshake();
        } catch (IOException e) {
          if (clientCertificate && chain.served != null) {
            return new Answer(null, chain.served);
          }
          throw e;
        }
        served = (X509Certificate) secure.getSession().getPeerCertificates()[0];
        socket = secure;
      }
      if (clientCertificate) {
        return new Answer(null, served);
      }
      if (!http) {
        return new Answer(null, served);
      }
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET / HTTP/1.0\r\nHost: "
                  + (address.contains(":") ? "[" + address + "]" : address)
                  + "\r\nUser-Agent: lb-maven-plugin verify\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      if (status == null || !status.startsWith("HTTP/")) {
        return new Answer("no HTTP answer", served);
      }
      String[] parts = status.split(" ");
      int code = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
      return new Answer(code >= 100 && code < 500 ? null : "answered " + status.strip(), served);
    } catch (IOException e) {
      return new Answer(e.getClass().getSimpleName() + ": " + e.getMessage(), served);
    }
  }

  /**
   * A TLS client that accepts any certificate and keeps the one it was served, also when the
   * handshake fails later for want of a client certificate: the check sends no secret, and the
   * certificate it gets is compared with the shipped one by its fingerprint (the build knows no CA
   * a host's certificate must chain to).
   */
  private static final class ServedChain implements X509TrustManager {

    private X509Certificate served;

    SSLSocketFactory socketFactory() {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {this}, null);
        return context.getSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK offers no TLS client", e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      served = chain.length > 0 ? chain[0] : null;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** One request, retried once (a single lost packet is not an outage); null when it succeeded. */
  public String requestTwice(Duration timeout) {
    String failure = request(timeout);
    return failure == null ? null : request(timeout);
  }
}
