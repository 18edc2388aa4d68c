package dev.lbops.binding;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.model.Backend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Timeout;
import dev.lbops.model.VrrpInstance;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelBinderTest {

  @TempDir Path dir;

  private ClusterFixture pairWith(String lb1Extra) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", instance("MASTER", 150, lb1Extra))
        .file("lb2.yml", instance("BACKUP", 100, ""));
  }

  @Test
  void healthyPair_bindsEveryValueWithoutProblems() {
    ClusterFixture fixture = ClusterFixture.healthyPair(dir);

    assertThat(fixture.problems()).isEmpty();
    HostConfig lb1 = fixture.cluster().hosts().get(0);
    VrrpInstance instance = lb1.keepalived().instances().get(0);
    assertThat(instance.priority()).isEqualTo(150);
    assertThat(instance.trackHaproxy()).as("HAProxy is tracked by default").isTrue();
    HaproxyConfig haproxy = lb1.haproxy();
    assertThat(haproxy.maxconn()).isEqualTo(4096);
    assertThat(haproxy.stats()).as("no stats page by default").isNull();
    assertThat(haproxy.runtimeApi().path()).isEqualTo("/run/haproxy/admin.sock");
    assertThat(haproxy.timeouts())
        .extracting(Timeout::name)
        .containsExactly("connect", "client", "server");
    Backend pool = haproxy.backends().get(0);
    assertThat(pool.modeLines()).containsExactly("option httpchk GET /");
    assertThat(pool.servers().get(0).destination()).isEqualTo("198.18.1.11:80");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            "router_id out of range", "router_id: 256", "router_id: 256 is out of range 1..255"),
        Arguments.of(
            "priority out of range", "priority: 255", "priority: 255 is out of range 1..254"),
        Arguments.of(
            "advert_int not positive", "advert_int: 0", "advert_int: must be greater than 0"),
        Arguments.of(
            "advert_int not a number",
            "advert_int: fast",
            "advert_int: expected a number, found 'fast'"),
        Arguments.of(
            "VIP does not parse",
            "virtual_ips: [{ip: 198.18.0.999, cidr: 24}]",
            "'198.18.0.999' is not an IP address"),
        Arguments.of(
            "CIDR out of range",
            "virtual_ips: [{ip: 198.18.0.100, cidr: 33}]",
            "cidr: 33 is out of range 0..32"),
        Arguments.of(
            "interface name too long",
            "interface: averyveryverylongname0",
            "is not a valid interface name"),
        Arguments.of("state unknown", "state: PRIMARY", "'PRIMARY' is not one of MASTER, BACKUP"),
        Arguments.of(
            "unknown key", "priorty: 10", "unknown key 'priorty' (fix: did you mean 'priority'?)"),
        Arguments.of(
            "shell in a notify script",
            "notify_master: '/bin/true && curl x'",
            "could inject a shell command"),
        Arguments.of(
            "directive in an instance name", "name: 'vi_web {'", "'vi_web {' is not a valid name"),
        Arguments.of(
            "LVS keys without port",
            "virtual_ips: [{ip: 198.18.0.100, cidr: 24, lb_algo: rr}]",
            "LVS settings need a virtual server port"),
        Arguments.of(
            "LVS port out of range",
            "virtual_ips: [{ip: 198.18.0.100, cidr: 24, port: 70000}]",
            "port: 70000 is out of range 1..65535"),
        Arguments.of(
            "authentication server missing",
            "authentication: {type: PASS, server_id: nope}",
            "no server 'nope' in settings.xml for the VRRP password"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  @DisplayName("a bad instance value is an error at its line, naming host and key")
  void bind_aBadInstanceValue_isAnError(String name, String override, String expected) {
    ClusterFixture fixture =
        new ClusterFixture(dir)
            .file("default.yml", PAIR_DEFAULT)
            .file("lb1.yml", ClusterFixture.instanceOverriding("MASTER", 150, override))
            .file("lb2.yml", instance("BACKUP", 100, ""));

    assertThat(fixture.errors())
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("lb1.yml:")
                    .contains("[lb1] vrrp_instances[0].")
                    .contains(expected));
  }

  @Test
  void bind_theSameValuesWritten_correctly_bindWithoutErrors() {
    ClusterFixture fixture =
        pairWith(
                """
        notify_master: /usr/local/bin/notify.sh master
        garp_master_delay: 5
        """)
            .file("lb2.yml", instance("BACKUP", 100, "preempt_delay: 30"));

    assertThat(fixture.errors()).isEmpty();
    assertThat(
            fixture
                .cluster()
                .hosts()
                .get(0)
                .keepalived()
                .instances()
                .get(0)
                .notifyScripts()
                .master())
        .isEqualTo("/usr/local/bin/notify.sh master");
  }

  @Test
  void bind_aLineBreakInAnOptionLine_isRefusedAsDirectiveInjection() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT.replace(
                    "- option httpchk GET /", "- \"option httpchk GET /\\nbind *:22\""));

    assertThat(fixture.errors())
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("backends[0].http[0]: contains a line break or control character"));
  }

  @Test
  void bind_legacyKeys_areAcceptedWithAWarningNamingTheModernForm() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT + "contimeout: 4000\nlvs_id: lv01\n");

    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("contimeout: 'contimeout' is a legacy key")
                    .contains("timeout connect"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("lvs_id: 'lvs_id' is a legacy key")
                    .contains("keepalived_router_id"));
    HostConfig lb1 = fixture.cluster().hosts().get(0);
    assertThat(lb1.haproxy().timeouts()).contains(new Timeout("connect", "4000"));
    assertThat(lb1.keepalived().routerId()).isEqualTo("lv01");
  }

  @Test
  void bind_anUnknownTopLevelKeyOrModule_isAnErrorWithASuggestion() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT + "frontend: []\nHaProxy::maxconn: 10\nKeepalived::maxconn: 10\n");

    assertThat(fixture.errors())
        .anySatisfy(
            e -> assertThat(e).contains("unknown key 'frontend' (fix: did you mean 'frontends'?)"))
        .anySatisfy(
            e -> assertThat(e).contains("unknown module 'HaProxy' (fix: did you mean 'HAProxy'?)"))
        .anySatisfy(e -> assertThat(e).contains("'maxconn' is not a key of the Keepalived module"));
  }

  @Test
  void bind_aStatsPageWithoutCredentials_isAnErrorAndNeverGetsADefaultPassword() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT + "stats: {enabled: true}\n");

    assertThat(fixture.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "stats.server_id: the stats page needs credentials and has no default password"));
  }

  @Test
  void bind_aStatsPageWithSettingsCredentials_takesThem() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT + "stats: {enabled: true, server_id: lb-stats}\n")
            .server("lb-stats", "ops", "s3cret");

    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.cluster().hosts().get(0).haproxy().stats().username()).isEqualTo("ops");
  }

  @Test
  void bind_tlsWithoutACertificate_isAnError_andWithOneIsFine() {
    ClusterFixture bad =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml", PAIR_DEFAULT.replace("'198.18.0.100:80'", "'198.18.0.100:443 ssl'"));
    assertThat(bad.errors())
        .anySatisfy(e -> assertThat(e).contains("uses ssl without a certificate"));

    ClusterFixture good =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml",
                PAIR_DEFAULT.replace(
                    "'198.18.0.100:80'", "'198.18.0.100:443 ssl crt /etc/haproxy/site.pem'"));
    assertThat(good.errors()).isEmpty();
    assertThat(good.cluster().hosts().get(0).haproxy().frontends().get(0).binds().get(0).isTls())
        .isTrue();
  }

  @Test
  void bind_linesUnderAnotherModesKey_areAnError() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT.replace("mode: http", "mode: tcp"));

    assertThat(fixture.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "backends[0].http: lines under 'http' are used only with mode: http"));
  }

  @Test
  void bind_anUnknownBalanceAlgorithm_isAnErrorWithASuggestion() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT.replace("roundrobin", "roundrobbin"));

    assertThat(fixture.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "unknown balance algorithm 'roundrobbin' (fix: did you mean 'roundrobin'?)"));
  }
}
