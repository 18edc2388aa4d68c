package dev.lbops.binding;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.model.Backend;
import dev.lbops.model.FreeLine;
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
    assertThat(pool.linesUnder("http"))
        .extracting(FreeLine::text)
        .containsExactly("option httpchk GET /");
    assertThat(pool.servers().get(0).destination()).isEqualTo("198.18.1.11:80");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            "advert_int not a number",
            "advert_int: fast",
            "advert_int: expected a number, found 'fast'"),
        Arguments.of(
            "VIP does not parse",
            "virtual_ips: [{ip: 198.18.0.999, cidr: 24}]",
            "'198.18.0.999' is not an IP address"),
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
  void bind_aStatsPageWithoutCredentials_neverGetsADefaultPassword_andIsWarnedAboutWhenOpen() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT + "stats: {enabled: true}\n");

    assertThat(fixture.errors()).isEmpty();
    assertThat(fixture.cluster().hosts().get(0).haproxy().stats().hasCredentials()).isFalse();
    assertThat(fixture.warnings())
        .hasSize(2)
        .allSatisfy(
            warning ->
                assertThat(warning)
                    .contains(
                        "stats: the stats page has no credentials: whoever reaches *:8081 sees every server"));
    assertThat(
            ClusterFixture.healthyPair(dir)
                .file(
                    "default.yml",
                    PAIR_DEFAULT + "stats: {enabled: true, bind: '127.0.0.1:8081'}\n")
                .problems())
        .as("a page only this host reaches is not warned about")
        .isEmpty();
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
  void bind_aMissingRequiredKey_isReportedOnce_andTheHalfReadInstanceIsLeftOut() {
    String withoutInterface =
        instance("BACKUP", 100, "")
            .lines()
            .filter(line -> !line.strip().startsWith("interface:"))
            .map(line -> line + "\n")
            .reduce("", String::concat);
    ClusterFixture fixture = pairWith("").file("lb2.yml", withoutInterface);

    assertThat(fixture.errors())
        .singleElement()
        .asString()
        .contains(
            "lb2.yml:2:5: [lb2] vrrp_instances[0].interface: required key 'interface' is missing");
    assertThat(fixture.cluster().host("lb2").keepalived().instances()).isEmpty();
  }

  @Test
  void bind_aServerWhoseDestinationCannotBeRead_isLeftOut() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file("default.yml", PAIR_DEFAULT.replace("198.18.1.11:80", "198.18.1.11:99999"));

    assertThat(fixture.problems())
        .hasSize(2)
        .allSatisfy(
            p -> assertThat(p).contains("backends[0].server[0].dst: '198.18.1.11:99999' is not"));
    assertThat(fixture.cluster().host("lb1").haproxy().backends().get(0).servers()).isEmpty();
  }
}
