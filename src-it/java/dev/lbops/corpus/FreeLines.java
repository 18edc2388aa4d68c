package dev.lbops.corpus;

import dev.lbops.model.Backend;
import dev.lbops.model.FreeLine;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.LvsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Every free line of a host's configs, by file: what the corpus counts as free lines. */
final class FreeLines {

  private FreeLines() {}

  static List<String> haproxy(HaproxyConfig haproxy) {
    List<FreeLine> lines = new ArrayList<>(haproxy.global().lines());
    lines.addAll(haproxy.defaults().lines());
    haproxy.frontends().forEach(f -> lines.addAll(f.lines()));
    Stream.concat(haproxy.backends().stream(), haproxy.listens().stream().map(l -> l.proxy()))
        .forEach(
            (Backend b) -> {
              lines.addAll(b.httpLines());
              lines.addAll(b.tcpLines());
              lines.addAll(b.lines());
            });
    haproxy.userlists().forEach(u -> lines.addAll(u.lines()));
    haproxy.caches().forEach(c -> lines.addAll(c.lines()));
    haproxy.httpErrors().forEach(e -> lines.addAll(e.lines()));
    if (haproxy.stats() != null) {
      lines.addAll(haproxy.stats().lines());
    }
    return lines.stream().map(FreeLine::text).toList();
  }

  static List<String> keepalived(KeepalivedConfig keepalived) {
    List<FreeLine> lines = new ArrayList<>(keepalived.globalDefs().lines());
    lines.addAll(keepalived.syncGroupLines());
    List<LvsService> services = new ArrayList<>();
    keepalived
        .instances()
        .forEach(
            instance -> {
              lines.addAll(instance.lines());
              instance.virtualIps().stream()
                  .map(vip -> vip.lvs())
                  .filter(Objects::nonNull)
                  .forEach(services::add);
            });
    keepalived.virtualServers().forEach(server -> services.add(server.service()));
    for (LvsService service : services) {
      lines.addAll(service.lines());
      service
          .realServers()
          .forEach(
              real -> {
                lines.addAll(real.lines());
                real.checks().forEach(check -> lines.addAll(check.lines()));
              });
    }
    return lines.stream().map(FreeLine::text).toList();
  }
}
