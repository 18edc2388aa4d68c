package dev.lbops.validate;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One rule for every free line of both files. */
class FreeLineRulesTest {

  @TempDir Path dir;

  /** The healthy pair with {@code yaml} added to default.yml. */
  private ClusterFixture with(String yaml) {
    return ClusterFixture.healthyPair(dir).file("default.yml", PAIR_DEFAULT + yaml);
  }

  /** The healthy pair with {@code line} as a free line of the backend. */
  private ClusterFixture backendLine(String line) {
    return ClusterFixture.healthyPair(dir)
        .file(
            "default.yml",
            PAIR_DEFAULT.replace(
                "    http:\n",
                "    lines:\n      - '" + line.replace("'", "''") + "'\n    http:\n"));
  }

  static Stream<Arguments> refusedInABackend() {
    return Stream.of(
        Arguments.of("global", "opens a section"),
        Arguments.of("cache c1", "opens a section"),
        Arguments.of("frontend sneaky", "opens a section"),
        Arguments.of(".if 0", "opens a section"),
        Arguments.of("stats auth admin:secret", "holds a secret"),
        Arguments.of("bind 198.18.0.100:8080", "says what 'bind' says"),
        Arguments.of("server www09 198.18.1.19:80", "says what 'server' says"),
        Arguments.of("mode tcp", "says what 'mode' says"),
        Arguments.of("source 0.0.0.0 usesrc clientip", "says what 'send_client_ip or source'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedInABackend")
  void aFreeLineThatOpensASectionOrSaysWhatAKeyOwns_isAnErrorAtItsLine(String line, String reason) {
    assertThat(backendLine(line).errors())
        .hasSize(2)
        .allSatisfy(
            error ->
                assertThat(error)
                    .contains("default.yml:10:9:")
                    .contains("backends[0].lines[0]: ")
                    .contains(reason));
  }

  @Test
  void ordinaryFreeLines_pass_inEverySection_andNeedNoMode() {
    ClusterFixture fixture =
        with(
            """
            haproxy_global:
              lines: [log-send-hostname, 'tune.ssl.cachesize 50000']
            haproxy_defaults:
              lines: ['option http-server-close']
            userlists:
              - name: ops
                lines: ['group admins']
            listen:
              - name: db
                bind: '198.18.0.101:3306'
                lines: ['option tcplog', 'stick-table type ip size 1m']
                server: [{name: db01, dst: '198.18.1.21:3306'}]
            keepalived_global_defs:
              lines: [vrrp_garp_master_refresh_repeat 2]
            """);

    assertThat(fixture.problems()).isEmpty();
  }

  @Test
  void freeLinesOfKeepalived_mayNotOpenABlock_runACommand_orSetAVip() {
    ClusterFixture fixture =
        ClusterFixture.healthyPair(dir)
            .file(
                "lb1.yml",
                ClusterFixture.instance(
                    "MASTER",
                    150,
                    """
                    lines:
                      - 'track_interface {'
                      - 'virtual_ipaddress { 198.18.0.200/24 }'
                      - notify_master /bin/sh
                      - auth_pass hunter22
                      - 'vrrp_script chk { script true }'
                      - '@lb2 priority 200'
                      - 'track_interface { eth0 }'
                    """));

    assertThat(fixture.errors())
        .satisfiesExactly(
            e -> assertThat(e).contains("lines[0]: free line 'track_interface {' opens"),
            e -> assertThat(e).contains("lines[1]: free line").contains("'virtual_ips'"),
            e -> assertThat(e).contains("lines[2]: free line runs a command ('notify_master')"),
            e -> assertThat(e).contains("lines[3]: free line holds a secret"),
            e -> assertThat(e).contains("lines[4]: free line 'vrrp_script chk").contains("opens"),
            e -> assertThat(e).contains("lines[5]: free line '@lb2 priority 200' opens"));
  }

  @Test
  void aFreeLineWithALineBreakOrAComment_isRefusedWhereItIsRead() {
    assertThat(
            with("haproxy_global:\n  lines: [\"daemon\\nglobal\", 'nbthread 2 # two']\n").errors())
        .anySatisfy(e -> assertThat(e).contains("haproxy_global.lines[0]: contains a line break"))
        .anySatisfy(
            e ->
                assertThat(e).contains("haproxy_global.lines[1]: 'nbthread 2 # two' contains '#'"));
    assertThat(with("keepalived_global_defs:\n  lines: ['vrrp_strict ! strict']\n").errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "keepalived_global_defs.lines[0]: 'vrrp_strict ! strict' contains '#' or '!'"));
  }

  @Test
  void theOlderFreeLineKeys_areJudgedByTheSameRule() {
    assertThat(
            with("""
                    listen:
                      - name: db
                        bind: '198.18.0.101:3306'
                        mode: tcp
                        tcp: ['bind 198.18.0.101:3307']
                        server: [{name: db01, dst: '198.18.1.21:3306'}]
                    """)
                .errors())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e).contains("listen[0].tcp[0]: free line").contains("'bind'"));
  }
}
