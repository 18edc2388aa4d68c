package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueRulesTest {

  @TempDir Path dir;

  private ClusterFixture lb1Overriding(String override) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", ClusterFixture.instanceOverriding("MASTER", 150, override))
        .file("lb2.yml", instance("BACKUP", 100, ""));
  }

  static Stream<Arguments> valuesOutOfRange() {
    return Stream.of(
        Arguments.of(
            "router_id out of range", "router_id: 256", "router_id: 256 is out of range 1..255"),
        Arguments.of(
            "priority out of range", "priority: 256", "priority: 256 is out of range 1..255"),
        Arguments.of(
            "advert_int not positive", "advert_int: 0", "advert_int: must be greater than 0"),
        Arguments.of(
            "CIDR out of range",
            "virtual_ips: [{ip: 198.18.0.100, cidr: 33}]",
            "cidr: 33 is out of range 0..32"),
        Arguments.of(
            "LVS port out of range",
            "virtual_ips: [{ip: 198.18.0.100, cidr: 24, port: 70000}]",
            "port: 70000 is out of range 1..65535"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesOutOfRange")
  @DisplayName("a value out of its range is an error at its line, naming host and key")
  void aValueOutOfRange_isAnError(String name, String override, String expected) {
    assertThat(lb1Overriding(override).errors())
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("lb1.yml:")
                    .contains("[lb1] vrrp_instances[0].")
                    .contains(expected));
  }

  @Test
  void aValueOutOfRange_isReportedOnce_andNotComparedAcrossHosts() {
    assertThat(lb1Overriding("router_id: 256").errors())
        .singleElement()
        .asString()
        .contains(
            "router_id: 256 is out of range 1..255 (fix: write a whole number from 1 to 255)");
    ClusterFixture refused = lb1Overriding("priority: 256");
    assertThat(refused.errors())
        .as("the BACKUP's priority is not compared with a MASTER priority that is out of range")
        .singleElement()
        .asString()
        .contains("priority: 256 is out of range 1..255");
    assertThat(refused.problems())
        .as("no follow-on message quotes the refused priority")
        .noneMatch(problem -> problem.contains("MASTER lb1's"));
  }

  @Test
  void priority255_isAcceptedAsKeepalivedDoes_withAWarningThatTheHostOwnsTheAddresses() {
    ClusterFixture owner = lb1Overriding("priority: 255");

    assertThat(owner.errors()).isEmpty();
    assertThat(owner.warnings())
        .singleElement()
        .asString()
        .contains("[lb1] vrrp_instances[0].priority: priority 255 makes lb1 the owner")
        .contains("it takes the VIPs at once whenever it runs")
        .as("the default, delayed fail-back cannot hold it back either")
        .contains("nor the preempt_delay of a delayed fail-back");
  }

  @Test
  void aVrrpPasswordLongerThanEightCharacters_isAnErrorAtItsServerId() {
    ClusterFixture fixture =
        new ClusterFixture(dir)
            .file("default.yml", PAIR_DEFAULT)
            .file("lb1.yml", instance("MASTER", 150, "authentication: {server_id: vrrp}"))
            .file("lb2.yml", instance("BACKUP", 100, "authentication: {server_id: vrrp}"))
            .server("vrrp", "", "123456789");

    assertThat(fixture.errors())
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "vrrp_instances[0].authentication.server_id: Keepalived uses only the first 8 characters of a VRRP password")
                    .contains("shorten the password of server 'vrrp'")
                    .doesNotContain("123456789"));
    assertThat(fixture.server("vrrp", "", "12345678").errors()).isEmpty();
  }

  @Test
  void tlsWithoutACertificate_isAnError_andWithOneIsFine() {
    ClusterFixture bad =
        ClusterFixture.healthyPair(dir)
            .file(
                "default.yml", PAIR_DEFAULT.replace("'198.18.0.100:80'", "'198.18.0.100:443 ssl'"));
    assertThat(bad.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "frontends[0].bind: '198.18.0.100:443 ssl' uses ssl without a certificate"));

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
  void linesUnderAnotherModesKey_areAnError() {
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
  void anUnknownBalanceAlgorithm_isAnErrorWithASuggestion() {
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
