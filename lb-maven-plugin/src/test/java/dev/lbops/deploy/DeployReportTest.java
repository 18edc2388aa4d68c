package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
                    Map.of("haproxy", "reload", "keepalived", "none"),
                    "changed",
                    1.25,
                    ""),
                new HostOutcome(
                    "lb1",
                    List.of(),
                    Map.of("haproxy", "none", "keepalived", "none"),
                    "unchanged",
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
}
