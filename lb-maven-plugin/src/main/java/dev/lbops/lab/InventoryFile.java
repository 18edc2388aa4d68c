package dev.lbops.lab;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The lab's Rex inventory ({@value Lab#INVENTORY}): the load balancers in group {@code lb} with the
 * address, user and the lab's client key to reach them, the backends in group {@code web}.
 */
final class InventoryFile {

  private InventoryFile() {}

  static void write(LabState state, LabLayout layout) throws IOException {
    LabFiles.write(
        layout.inventory(),
        "server.ini",
        Map.of(
            "lab", state.name(),
            "privateKey", layout.clientKey().toString(),
            "loadBalancers", entries(state, Role.LOAD_BALANCER),
            "backends", entries(state, Role.BACKEND)));
  }

  private static List<Map<String, String>> entries(LabState state, Role role) {
    return state.hosts().stream()
        .filter(host -> host.role() == role)
        .map(host -> Map.of("name", host.name(), "address", host.address()))
        .toList();
  }
}
