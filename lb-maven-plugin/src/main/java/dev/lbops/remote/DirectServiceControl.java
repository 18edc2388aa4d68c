package dev.lbops.remote;

/**
 * Services on a host without systemd, driven as their init scripts should have been: the daemon
 * itself, its PID file, and waiting for the effect (the init scripts exit 0 on failure, and
 * Keepalived takes about a second to stop).
 */
public final class DirectServiceControl implements ServiceControl {

  @Override
  public String start(Service service) {
    return switch (service) {
      case HAPROXY ->
          "mkdir -p /run/haproxy && haproxy -f " + service.config() + " -D -p " + service.pidFile();
      case KEEPALIVED ->
          "keepalived -f "
              + service.config()
              + " -p "
              + service.pidFile()
              + " && "
              + waitForPidFile(service);
    };
  }

  @Override
  public String reload(Service service) {
    return switch (service) {
      case HAPROXY ->
          "haproxy -f "
              + service.config()
              + " -D -p "
              + service.pidFile()
              + " -sf $(cat "
              + service.pidFile()
              + ")";
      case KEEPALIVED -> "kill -HUP $(cat " + service.pidFile() + ")";
    };
  }

  @Override
  public String stop(Service service) {
    return "p=$(cat "
        + service.pidFile()
        + " 2>/dev/null) && kill \"$p\" 2>/dev/null; "
        + "for i in $(seq 100); do kill -0 \"$p\" 2>/dev/null || break; sleep 0.05; done; "
        + "! kill -0 \"$p\" 2>/dev/null && rm -f "
        + service.pidFile();
  }

  @Override
  public String status(Service service) {
    return "p=; { read -r p < "
        + service.pidFile()
        + " || :; } 2>/dev/null; if [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null; "
        + "then echo \"running $p\"; else echo stopped; fi";
  }

  private static String waitForPidFile(Service service) {
    return "for i in $(seq 100); do [ -s "
        + service.pidFile()
        + " ] && break; sleep 0.05; done; [ -s "
        + service.pidFile()
        + " ]";
  }
}
