package dev.lbops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lbops.inventory.Host;
import dev.lbops.inventory.Inventory;
import dev.lbops.inventory.ServerIniReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFileTest {

  @TempDir Path directory;

  private static LabHost host(String name, Role role, String address) {
    return new LabHost(name, role, address, "lb-inv-" + name, 0, 0);
  }

  @Test
  void write_givesTheLoadBalancersWithTheClientKey_andTheBackends_asTheInventoryReaderReadsThem()
      throws IOException {
    LabLayout layout = new LabLayout(directory);
    LabState state =
        new LabState(
            "inv",
            HostKind.LIGHT,
            "lbr000000",
            "198.18.9",
            List.of(
                host("lb1", Role.LOAD_BALANCER, "198.18.9.11"),
                host("lb2", Role.LOAD_BALANCER, "198.18.9.12"),
                host("web1", Role.BACKEND, "198.18.9.101"),
                host("client", Role.CLIENT, "198.18.9.200")));

    InventoryFile.write(state, layout);

    Inventory loadBalancers = new ServerIniReader().read(layout.inventory(), "lb");
    assertThat(loadBalancers.problems()).isEmpty();
    assertThat(loadBalancers.hosts())
        .extracting(Host::name, Host::address, Host::user, Host::privateKey)
        .containsExactly(
            tuple("lb1", "198.18.9.11", "root", layout.clientKey().toString()),
            tuple("lb2", "198.18.9.12", "root", layout.clientKey().toString()));
    assertThat(new ServerIniReader().read(layout.inventory(), "web").hosts())
        .extracting(Host::name, Host::address)
        .containsExactly(tuple("web1", "198.18.9.101"));
  }
}
