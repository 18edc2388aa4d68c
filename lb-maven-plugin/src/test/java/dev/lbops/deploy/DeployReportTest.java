package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployReportTest {

  @Test
  void table_showsEachHostsFilesActionsAndState() {
    DeployReport report =
        new DeployReport(
            true,
            List.of(
                new HostOutcome(
                    "lb2",
                    List.of("/etc/haproxy/haproxy.cfg"),
                    Map.of("haproxy", ServiceAction.RELOAD, "keepalived", ServiceAction.NONE),
                    HostOutcome.State.CHANGED,
                    1.25,
                    ""),
                new HostOutcome(
                    "lb1",
                    List.of(),
                    Map.of("haproxy", ServiceAction.NONE, "keepalived", ServiceAction.NONE),
                    HostOutcome.State.UNCHANGED,
                    0.5,
                    "")),
            List.of());

    List<String> table = report.table();

    assertThat(table).hasSize(3);
    assertThat(table.get(1))
        .startsWith("lb2")
        .contains("/etc/haproxy/haproxy.cfg", "haproxy reload, keepalived none", "1.3", "changed");
    assertThat(table.get(2)).startsWith("lb1").contains(" - ", "unchanged");
  }

  /** The JSON report (target/lb/deploy-report.json) keeps the words the table shows. */
  @Test
  void json_writesActionsAndStatesAsTheirWords() {
    DeployReport report =
        new DeployReport(
            false,
            List.of(
                new HostOutcome(
                    "lb2",
                    List.of(),
                    Map.of("haproxy", ServiceAction.START),
                    HostOutcome.State.WOULD_CHANGE,
                    0,
                    ""),
                new HostOutcome(
                    "lb1", List.of(), Map.of(), HostOutcome.State.ROLLED_BACK, 0, "restored")),
            List.of());

    String json = new Gson().toJson(report);

    assertThat(json)
        .contains("\"actions\":{\"haproxy\":\"start\"}")
        .contains("\"state\":\"would change\"")
        .contains("\"state\":\"rolled back\"");
  }
}
