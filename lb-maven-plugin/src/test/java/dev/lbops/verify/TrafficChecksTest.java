package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.render.PemFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.render.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficChecksTest {

  private static final String SITE = "/etc/haproxy/certs/site.pem";

  @TempDir Path directory;

  private SSLServerSocket server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /** A TLS server on loopback that answers every request with {@code 200 OK}, as HAProxy would. */
  private int serve(TestPki.Server site) throws Exception {
    return serve(site, false);
  }

  private int serve(TestPki.Server site, boolean needClientCertificate) throws Exception {
    PemFile pem = PemFile.parse(site.pemWithoutKey() + site.keyPem());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "site", pem.key(null), new char[0], pem.certificates().toArray(new Certificate[0]));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(needClientCertificate);
    Thread answering =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                  client.setSoTimeout(2000);
                  new BufferedReader(
                          new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
                      .readLine();
                  client.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n".getBytes());
                } catch (IOException e) {
                  // the next client, or the socket closed
                }
              }
            });
    answering.setDaemon(true);
    answering.start();
    return server.getLocalPort();
  }

  private static String fingerprint(TestPki.Server site) {
    X509Certificate certificate = PemFile.parse(site.pemWithoutKey()).certificates().get(0);
    return PemFile.fingerprint(certificate);
  }

  @Test
  void aTlsFrontendServingTheShippedCertificate_passes_namingItAndTheHttpAnswer() throws Exception {
    TestPki.Server site = new TestPki(directory).server("site", "site.test", "127.0.0.1", 365);
    TrafficTarget target =
        new TrafficTarget(
            "www", "127.0.0.1", serve(site), true, true, false, SITE, Set.of(fingerprint(site)));

    List<Check> checks = TrafficChecks.run(List.of(target), Duration.ofSeconds(1));

    assertThat(checks).singleElement().satisfies(check -> assertThat(check.passed()).isTrue());
    assertThat(checks.get(0).message())
        .startsWith("TLS handshake, the shipped " + SITE + ": subject CN=site.test, issuer ")
        .contains("SHA-256 " + fingerprint(site))
        .endsWith(", HTTP answer");
  }

  @Test
  void aTlsFrontendRequiringAClientCertificate_isCheckedUpToTheCertificateItServes()
      throws Exception {
    TestPki.Server site = new TestPki(directory).server("site", "site.test", "127.0.0.1", 365);
    int port = serve(site, true);
    TrafficTarget mutual =
        new TrafficTarget(
            "www", "127.0.0.1", port, true, true, true, SITE, Set.of(fingerprint(site)));
    TrafficTarget asIfNotMutual =
        new TrafficTarget(
            "www", "127.0.0.1", port, true, true, false, SITE, Set.of(fingerprint(site)));

    assertThat(TrafficChecks.run(List.of(mutual), Duration.ofSeconds(1)))
        .singleElement()
        .satisfies(check -> assertThat(check.passed()).as(check.message()).isTrue())
        .satisfies(
            check ->
                assertThat(check.message())
                    .startsWith("TLS handshake, the shipped " + SITE + ": subject CN=site.test")
                    .endsWith("a client certificate required (not requested further)"));
    assertThat(TrafficChecks.run(List.of(asIfNotMutual), Duration.ofSeconds(1)))
        .as("without knowing the bind requires one, the missing client certificate fails it")
        .singleElement()
        .satisfies(check -> assertThat(check.passed()).isFalse());
  }

  @Test
  void aTlsFrontendServingAnotherCertificate_fails_namingTheShippedFile() throws Exception {
    TestPki pki = new TestPki(directory);
    TestPki.Server stale = pki.server("stale", "site.test", "127.0.0.1", 365);
    TestPki.Server shipped = pki.server("site", "site.test", "127.0.0.1", 365);
    TrafficTarget target =
        new TrafficTarget(
            "www",
            "127.0.0.1",
            serve(stale),
            true,
            true,
            false,
            SITE,
            Set.of(fingerprint(shipped)));

    List<Check> checks = TrafficChecks.run(List.of(target), Duration.ofSeconds(1));

    assertThat(checks).singleElement().satisfies(check -> assertThat(check.passed()).isFalse());
    assertThat(checks.get(0).message())
        .contains("serves a certificate that is not the shipped " + SITE)
        .contains("SHA-256 " + fingerprint(stale));
  }

  @Test
  void aPlainConnectionToATlsFrontend_isNoAnswer() throws Exception {
    TestPki.Server site = new TestPki(directory).server("site", "site.test", "127.0.0.1", 365);
    int port = serve(site);
    TrafficTarget asPlainHttp =
        new TrafficTarget("www", "127.0.0.1", port, true, false, false, "", Set.of());
    TrafficTarget asTls =
        new TrafficTarget("www", "127.0.0.1", port, true, true, false, SITE, Set.of());

    assertThat(TrafficChecks.run(List.of(asPlainHttp), Duration.ofMillis(500)))
        .singleElement()
        .satisfies(check -> assertThat(check.passed()).isFalse());
    assertThat(TrafficChecks.run(List.of(asTls), Duration.ofSeconds(1)))
        .singleElement()
        .satisfies(
            check ->
                assertThat(check.message())
                    .as("nothing shipped to compare with: the certificate is named")
                    .startsWith("TLS handshake, certificate subject CN=site.test"));
  }

  @Test
  void aTlsBindWhoseCrtIsShipped_expectsThatCertificate_onEveryVip() {
    TestPki.Server site = new TestPki(directory).server("site", "site.test", "198.18.0.100", 365);
    var cluster =
        ClusterFixture.healthyPair(directory.resolve("cmdb"))
            .file(
                "default.yml",
                ClusterFixture.PAIR_DEFAULT
                    + """
                    listen:
                      - name: tls
                        bind: '*:443 ssl crt /etc/haproxy/certs/site.pem alpn h2,http/1.1'
                        mode: http
                        server:
                          - name: a
                            dst: 198.18.1.11:443
                      - name: mtls
                        bind: '*:8443 ssl crt /etc/haproxy/certs/site.pem ca-file /etc/haproxy/ca.pem verify required'
                        mode: http
                        server:
                          - name: b
                            dst: 198.18.1.12:443
                    """)
            .load()
            .cluster();
    ShippedFile file =
        new ShippedFile(
            "lb1",
            SITE,
            (site.pemWithoutKey() + site.keyPem()).getBytes(StandardCharsets.UTF_8),
            false,
            "site.pem");

    assertThat(TrafficChecks.targets(cluster, List.of(file)))
        .containsExactly(
            new TrafficTarget("web", "198.18.0.100", 80, true, false, false, "", Set.of()),
            new TrafficTarget(
                "tls", "198.18.0.100", 443, true, true, false, SITE, Set.of(fingerprint(site))),
            new TrafficTarget(
                "mtls", "198.18.0.100", 8443, true, true, true, SITE, Set.of(fingerprint(site))));
  }
}
