package dev.lbops.model;

import java.util.List;

/** A {@code listen} section: binds and a proxy in one. */
public record Listen(List<Bind> binds, Backend proxy) {

  public Listen {
    binds = List.copyOf(binds);
  }

  public String name() {
    return proxy.name();
  }
}
