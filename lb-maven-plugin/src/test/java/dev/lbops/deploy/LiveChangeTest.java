package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes of a haproxy.cfg a deploy applies through the runtime API, and how. */
class LiveChangeTest {

  private static final String GLOBAL =
      """
      global
        stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners
        server-state-file /var/lib/haproxy/server-state

      defaults
        mode http
        load-server-state-from-file global

      frontend www
        bind 198.18.5.100:80
        default_backend web
      """;

  private static String config(String backend) {
    return GLOBAL + "\nbackend web\n  balance roundrobin\n" + backend;
  }

  private static final String TWO =
      config(
          """
            server web1 198.18.5.101:80 check inter 300ms
            server web2 198.18.5.102:80 check inter 300ms
          """);

  @Test
  void aWeightChange_isLive_asOneSetWeight() {
    LiveChange change =
        LiveChange.between(
            TWO, TWO.replace("web2 198.18.5.102:80 check", "web2 198.18.5.102:80 check weight 20"));

    assertThat(change.live()).isTrue();
    assertThat(change.socket()).isEqualTo("/run/haproxy/admin.sock");
    assertThat(change.commands()).containsExactly("set server web/web2 weight 20");
    assertThat(change.removals()).isEmpty();
  }

  @Test
  void aWeightRemoved_setsHaproxysDefaultOfOne() {
    String weighted =
        TWO.replace("inter 300ms\n  server web2", "weight 5 inter 300ms\n  server web2");

    assertThat(LiveChange.between(weighted, TWO).commands())
        .containsExactly("set server web/web1 weight 1");
  }

  @Test
  void aNewAddressOrPort_isLive_asAMoveOfTheServer() {
    LiveChange change =
        LiveChange.between(
            TWO, TWO.replace("198.18.5.102:80 check", "[2001:db8::5:102]:8080 check weight 3"));

    assertThat(change.live()).isTrue();
    assertThat(change.moves())
        .containsExactly(new LiveChange.Move("web/web2", "2001:db8::5:102", 8080, false));
    assertThat(change.commands()).containsExactly("set server web/web2 weight 3");
    assertThat(LiveChange.between(TWO, TWO.replace("198.18.5.102:80", "198.18.5.102:81")).moves())
        .containsExactly(new LiveChange.Move("web/web2", "198.18.5.102", 81, false));
  }

  @Test
  void aMovedServer_leavesRotationForItsNewAddress_andComesBackInTheStateItWasIn() {
    LiveChange.Move move = new LiveChange.Move("web/web2", "198.18.5.103", 81, false);

    assertThat(move.commands("UP"))
        .containsExactly(
            "set server web/web2 state maint",
            "set server web/web2 addr 198.18.5.103 port 81",
            "set server web/web2 state ready");
    assertThat(move.commands("DRAIN")).endsWith("set server web/web2 state drain").hasSize(3);
    assertThat(move.commands("MAINT"))
        .as("left in maintenance: leaving it later counts it as just up")
        .containsExactly("set server web/web2 addr 198.18.5.103 port 81");
    assertThat(move.commands("DOWN"))
        .as("down: its checks at the new address bring it up")
        .containsExactly("set server web/web2 addr 198.18.5.103 port 81");
  }

  @Test
  void aNewAddress_whereAServerFallsAtOneFailedCheck_isAReload() {
    String fallOne = TWO.replace("inter 300ms\n  server web2", "inter 300ms fall 1\n  server web2");

    LiveChange change =
        LiveChange.between(fallOne, fallOne.replace("198.18.5.102:80", "198.18.5.102:81"));

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause())
        .startsWith("server web/web2's address or port changed, and with 'fall 1'");
    String fallEleven = fallOne.replace("fall 1", "fall 11");
    assertThat(
            LiveChange.between(fallEleven, fallEleven.replace("198.18.5.102:80", "198.18.5.102:81"))
                .live())
        .as("fall 11 is not fall 1")
        .isTrue();
  }

  @Test
  void aNewAddressOfABackendsOnlyActiveServer_orWithShutdownSessions_isAReload() {
    String backupAndDisabled =
        config(
            """
              server web1 198.18.5.101:80 check backup
              server web2 198.18.5.102:80 check
              server web3 198.18.5.103:80 check disabled
            """);
    String shutdown =
        TWO.replace(
            "web1 198.18.5.101:80 check",
            "web1 198.18.5.101:80 check on-marked-down" + " shutdown-sessions");

    LiveChange alone =
        LiveChange.between(
            backupAndDisabled, backupAndDisabled.replace("198.18.5.102:80", "198.18.5.102:81"));
    LiveChange ending =
        LiveChange.between(shutdown, shutdown.replace("198.18.5.102:80", "198.18.5.102:81"));

    assertThat(alone.reloadBecause()).contains("its backend's only active server");
    String one = config("  server web1 198.18.5.101:80 check\n");
    assertThat(
            LiveChange.between(
                    one,
                    config(
                        "  server web1 198.18.5.102:80 check\n"
                            + "  server web2 198.18.5.103:80 check\n"))
                .reloadBecause())
        .as("a server added by the same change is not in rotation during the move")
        .contains("its backend's only active server");
    assertThat(ending.reloadBecause()).contains("'shutdown-sessions' would end its sessions");
  }

  @Test
  void aRestore_putsBackWhatTheChangeTookOut_asItWasBefore() {
    String disabled =
        TWO.replace("web1 198.18.5.101:80 check", "web1 198.18.5.101:80 disabled check");
    String removed = TWO.replace("  server web2 198.18.5.102:80 check inter 300ms\n", "");

    assertThat(LiveChange.between(TWO, disabled).undo(Map.of()))
        .containsExactly("set server web/web1 state ready");
    assertThat(LiveChange.between(TWO, removed).undo(Map.of("web/web2", "UP")))
        .containsExactly("set server web/web2 state ready");
    assertThat(LiveChange.between(TWO, removed).undo(Map.of("web/web2", "DRAIN")))
        .as("drained before the deploy: drained again")
        .containsExactly("set server web/web2 state drain");
    assertThat(LiveChange.between(TWO, removed).undo(Map.of("web/web2", "MAINT")))
        .as("in maintenance before the deploy: left there")
        .isEmpty();
    assertThat(LiveChange.between(disabled, TWO).undo(Map.of())).isEmpty();
  }

  @Test
  void lbDiff_describesAMoveOfADisabledServer_asTheAddressAlone() {
    String disabled =
        TWO.replace("web2 198.18.5.102:80 check", "web2 198.18.5.102:80 disabled check");

    assertThat(
            LiveChange.between(disabled, disabled.replace("198.18.5.102:80", "198.18.5.102:81"))
                .described())
        .containsExactly("set server web/web2 addr 198.18.5.102 port 81");
  }

  @Test
  void disablingAndEnablingAServer_setsItsState() {
    String disabled =
        TWO.replace("web2 198.18.5.102:80 check", "web2 198.18.5.102:80 disabled check");

    assertThat(LiveChange.between(TWO, disabled).commands())
        .containsExactly("set server web/web2 state maint");
    assertThat(LiveChange.between(disabled, TWO).commands())
        .containsExactly("set server web/web2 state ready");
  }

  @Test
  void anAddedServer_isAdded_withItsOptions_thenItsChecksAndItselfEnabled() {
    String three =
        TWO.replace(
            "server web2 198.18.5.102:80 check inter 300ms\n",
            "server web2 198.18.5.102:80 check inter 300ms\n"
                + "  server web3 [2001:db8::5:103]:80 check inter 300ms rise 2 weight 3\n");

    LiveChange change = LiveChange.between(TWO, three);

    assertThat(change.live()).isTrue();
    assertThat(change.commands())
        .containsExactly(
            "add server web/web3 [2001:db8::5:103]:80 weight 3 check inter 300ms rise 2",
            "enable health web/web3",
            "enable server web/web3");
  }

  @Test
  void anAddedServerWithoutChecks_isOnlyEnabled_andADisabledOneStaysInMaintenance() {
    String plain = TWO + "  server web3 198.18.5.103:80\n";
    String disabled = TWO + "  server web3 198.18.5.103:80 disabled\n";

    assertThat(LiveChange.between(TWO, plain).commands())
        .containsExactly("add server web/web3 198.18.5.103:80", "enable server web/web3");
    assertThat(LiveChange.between(TWO, disabled).commands())
        .containsExactly("add server web/web3 198.18.5.103:80");
  }

  @Test
  void aRemovedServer_isSetToMaintenance_thenDeleted() {
    String one = TWO.replace("  server web2 198.18.5.102:80 check inter 300ms\n", "");

    LiveChange change = LiveChange.between(TWO, one);

    assertThat(change.live()).isTrue();
    assertThat(change.commands()).containsExactly("disable server web/web2");
    assertThat(change.removals()).containsExactly("web/web2");
  }

  @Test
  void severalChanges_sendTheChangesAndAdditionsFirst_andTheRemovalsLast() {
    String next =
        config(
            """
              server web2 198.18.5.102:80 check inter 300ms weight 7
              server web4 198.18.5.104:80 check inter 300ms
            """);

    assertThat(LiveChange.between(TWO, next).commands())
        .containsExactly(
            "set server web/web2 weight 7",
            "add server web/web4 198.18.5.104:80 check inter 300ms",
            "enable health web/web4",
            "enable server web/web4",
            "disable server web/web1");
  }

  @Test
  void aServerInAListen_isLiveToo() {
    String listen =
        GLOBAL + "\nlisten db\n  bind 198.18.5.100:3306\n  server db1 198.18.5.21:3306 check\n";

    assertThat(
            LiveChange.between(listen, listen.replace("3306 check", "3306 check weight 9"))
                .commands())
        .containsExactly("set server db/db1 weight 9");
  }

  @Test
  void aNewProvenanceHeader_orOtherComments_doNotStopALiveChange() {
    String before = "# Generated by lb-maven-plugin 0.1.0\n# Inputs sha256: aa11\n" + TWO;
    String after =
        "# Generated by lb-maven-plugin 0.1.0\n# Inputs sha256: bb22\n"
            + TWO.replace("web1 198.18.5.101:80 check", "web1 198.18.5.101:80 check weight 3");

    assertThat(LiveChange.between(before, after).commands())
        .containsExactly("set server web/web1 weight 3");
  }

  @Test
  void aFrontendChange_isAReload() {
    LiveChange change =
        LiveChange.between(
            TWO, TWO.replace("default_backend web", "default_backend web\n  option forwardfor"));

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause())
        .isEqualTo("lines other than the servers of backends changed");
    assertThat(change.commands()).isEmpty();
  }

  @Test
  void aServerChangeTogetherWithAnyOtherLine_isAReload() {
    String next =
        TWO.replace("check inter 300ms\n  server web2", "check inter 300ms weight 2\n  server web2")
            .replace("balance roundrobin", "balance leastconn");

    assertThat(LiveChange.between(TWO, next).live()).isFalse();
  }

  @Test
  void anOptionOtherThanWeightStateOrAddress_changed_isAReload() {
    LiveChange change =
        LiveChange.between(
            TWO,
            TWO.replace(
                "web2 198.18.5.102:80 check inter 300ms", "web2 198.18.5.102:80 check inter 1s"));

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause())
        .contains("web/web2 changed in more than its weight or state");
  }

  @Test
  void aServerAddedToAStaticAlgorithmsBackend_isAReload() {
    String source = TWO.replace("balance roundrobin", "balance source");
    String added =
        source.replace(
            "check inter 300ms\n  server web2",
            "check inter 300ms\n  server web3 198.18.5.103:80\n  server web2");

    LiveChange change = LiveChange.between(source, added);

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause()).contains("balance algorithm (source)");
  }

  @Test
  void theDefaultsBalanceAlgorithm_appliesToABackendWithoutItsOwn() {
    String fromDefaults =
        TWO.replace("  balance roundrobin\n", "")
            .replace("  mode http\n", "  mode http\n  balance uri\n");
    String removed = fromDefaults.replace("  server web2 198.18.5.102:80 check inter 300ms\n", "");

    assertThat(LiveChange.between(fromDefaults, removed).reloadBecause()).contains("(uri)");
    assertThat(
            LiveChange.between(
                    TWO.replace("  balance roundrobin\n", ""),
                    TWO.replace("  balance roundrobin\n", "")
                        .replace("  server web2 198.18.5.102:80 check inter 300ms\n", ""))
                .live())
        .as("HAProxy's own default is roundrobin")
        .isTrue();
  }

  @Test
  void aServerAddedWithAnOptionAddServerRefuses_isAReload() {
    String added =
        TWO.replace(
            "check inter 300ms\n  server web2",
            "check inter 300ms\n  server web3 198.18.5.103:80 check cookie w3\n  server web2");

    assertThat(LiveChange.between(TWO, added).reloadBecause())
        .contains("an option the runtime API's 'add server' does not take");
  }

  @Test
  void aServerAddedWhereDefaultServerApplies_isAReload() {
    String withDefault =
        TWO.replace("balance roundrobin", "balance roundrobin\n  default-server inter 1s");
    String added =
        withDefault.replace(
            "check inter 300ms\n  server web2",
            "check inter 300ms\n  server web3 198.18.5.103:80\n  server web2");

    assertThat(LiveChange.between(withDefault, added).reloadBecause()).contains("default-server");
  }

  @Test
  void aServerRemovedWhileATrackNamesServers_isAReload() {
    String tracked =
        TWO.replace(
            "web2 198.18.5.102:80 check inter 300ms",
            "web2 198.18.5.102:80 check inter 300ms track web/web1");
    String removed = tracked.replace("  server web1 198.18.5.101:80 check inter 300ms\n", "");

    assertThat(LiveChange.between(tracked, removed).live()).isFalse();
  }

  @Test
  void aServerAddedByItsHostname_isAReload() {
    String before = TWO.replace("  server web2 198.18.5.102:80 check inter 300ms\n", "");
    String after = TWO.replace("198.18.5.102:80", "web2.example:80");

    LiveChange change = LiveChange.between(before, after);

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause()).contains("cannot be applied at run time");
  }

  @Test
  void noRuntimeSocketAtLevelAdmin_isAReload() {
    String operator = TWO.replace("level admin", "level operator");

    LiveChange change =
        LiveChange.between(
            operator,
            operator.replace("inter 300ms\n  server web2", "inter 300ms weight 4\n  server web2"));

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause()).contains("no UNIX socket at level admin");
  }

  @Test
  void aServerNamedTwice_isAReload() {
    String twice = TWO.replace("server web2", "server web1");

    LiveChange change = LiveChange.between(TWO, twice);

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause()).contains("names a server twice");
  }

  @Test
  void theServersOfPeers_areNotBackendServers() {
    String peers = TWO + "\npeers mesh\n  server lb1 198.18.5.11:10000\n";

    LiveChange change =
        LiveChange.between(peers, peers.replace("198.18.5.11:10000", "198.18.5.12:10000"));

    assertThat(change.live()).isFalse();
    assertThat(change.reloadBecause()).contains("lines other than the servers of backends changed");
  }
}
