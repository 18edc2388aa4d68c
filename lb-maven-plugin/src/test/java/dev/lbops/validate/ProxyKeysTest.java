package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys that write HAProxy's proxy lines, the stats page, and what is warned about. */
class ProxyKeysTest {

  @TempDir Path dir;

  private ClusterFixture with(String yaml) {
    return ClusterFixture.healthyPair(dir).file("default.yml", PAIR_DEFAULT + yaml);
  }

  private ClusterFixture frontendWith(String yaml) {
    return ClusterFixture.healthyPair(dir)
        .file(
            "default.yml",
            PAIR_DEFAULT.replace(
                "    default_backend: pool\n", "    default_backend: pool\n" + yaml.indent(4)));
  }

  @Test
  void anUnknownOptionOrAction_isAnErrorWithADidYouMean() {
    assertThat(frontendWith("option: [forwardfr]\nhttp_request: ['set-hedaer X-A 1']\n").errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "frontends[0].option[0]: 'forwardfr' is not an option HAProxy 2.6 knows")
                    .contains("did you mean 'forwardfor'?"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "frontends[0].http_request[0]: 'set-hedaer' is not an http-request action")
                    .contains("did you mean 'set-header'?"));
  }

  @Test
  void anOptionOrTimeoutOfAnotherSection_isAnError_andAKeyAFrontendDoesNotTake_isUnknown() {
    assertThat(frontendWith("option: [httpchk]\ntimeout: {server: 5s}\nretries: 3\n").errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "frontends[0].option[0]: 'option httpchk' does not apply in a frontend")
                    .contains("move it to a defaults section or listen section or backend"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("frontends[0].timeout.server: 'timeout server' does not apply"))
        .anySatisfy(e -> assertThat(e).contains("frontends[0].retries: unknown key 'retries'"));
  }

  @Test
  void aCacheOrHttpErrorsSectionThatDoesNotExist_isAnError() {
    assertThat(frontendWith("http_request: ['cache-use pages']\nerrorfiles: [site]\n").errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("frontends[0].http_request[0]: cache 'pages' does not exist")
                    .contains("define it under 'caches:'"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "frontends[0].errorfiles[0]: http-errors section 'site' does not exist"));
    assertThat(
            with("""
                    caches: [{name: pages, total_max_size: 64}]
                    http_errors: [{name: site, errorfile: {503: /etc/haproxy/errors/503.http}}]
                    """)
                .file("lb1.yml", ClusterFixture.instance("MASTER", 150, ""))
                .problems())
        .isEmpty();
  }

  @Test
  void anHttpFrontendSendingToATcpBackend_isAnError() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT
                        .replace("    mode: http\n", "    mode: tcp\n")
                        .replace("    http:\n      - option httpchk GET /\n", "")
                    + "haproxy_defaults: {mode: http}\n");

    assertThat(fixture.errors())
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "frontends[0].default_backend: http frontend 'web' sends traffic to tcp backend 'pool'"));
  }

  @Test
  void modeLines_followTheDefaultsMode_whenTheBackendSetsNone() {
    String modeless = PAIR_DEFAULT.replace("    mode: http\n", "");

    assertThat(ClusterFixture.healthyPair(dir).file("default.yml", modeless).errors())
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains("lines under 'http' are used only with mode: http")
                    .contains("this proxy's mode is tcp, that of defaults"));
    assertThat(
            ClusterFixture.healthyPair(dir)
                .file("default.yml", modeless + "haproxy_defaults: {mode: http}\n")
                .problems())
        .isEmpty();
  }

  @Test
  void statsStatusAndRedirectSections_areNotWarnedAboutHavingNoServersOrBackend() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                """
                frontends:
                  - name: moved
                    bind: '198.18.0.100:81'
                    redirect: ['prefix https://www.example.org']
                  - name: health
                    bind: '198.18.0.100:82'
                    mode: http
                    monitor_uri: /health
                  - name: oldstats
                    bind: '198.18.0.100:83'
                    mode: http
                    lines: [stats enable, stats uri /]
                listen:
                  - name: status
                    bind: '198.18.0.100:84'
                    mode: http
                    http_request: ['return status 200']
                  - name: page
                    bind: '127.0.0.1:8404'
                    mode: http
                stats: {enabled: true, attach_to: page}
                """);

    assertThat(fixture.problems())
        .noneMatch(
            p -> p.contains("has no servers") || p.contains("sends its traffic to no backend"));
  }

  @Test
  void aStatsPageAttached_toNothing_toATcpSection_orWithBindsOfItsOwn_isAnError() {
    assertThat(
            with("stats: {enabled: true, attach_to: nowhere, server_id: s}\n")
                .server("s", "ops", "St4tsPw")
                .errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("stats.attach_to: there is no frontend or listen section 'nowhere'")
                    .contains("use one of [web]"));
    assertThat(
            with("stats: {enabled: true, attach_to: web, bind: '*:9000', server_id: s}\n")
                .server("s", "ops", "St4tsPw")
                .errors())
        .anySatisfy(
            e -> assertThat(e).contains("'web' is in mode tcp: the stats page needs mode http"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("an attached stats page takes bind, mode and lines from 'web'"));
  }

  @Test
  void aServerWithoutAPort_andBalanceInDefaults_areWrittenAsHaproxyTakesThem() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT.replace("198.18.1.11:80", "198.18.1.11")
                    + "haproxy_defaults: {balance: random}\n");

    assertThat(fixture.problems()).isEmpty();
    assertThat(
            fixture
                .cluster()
                .hosts()
                .get(0)
                .haproxy()
                .backends()
                .get(0)
                .servers()
                .get(0)
                .destination())
        .isEqualTo("198.18.1.11");
    assertThat(fixture.cluster().hosts().get(0).haproxy().defaults().settings())
        .anySatisfy(d -> assertThat(d.keyword() + " " + d.value()).isEqualTo("balance random"));
  }
}
