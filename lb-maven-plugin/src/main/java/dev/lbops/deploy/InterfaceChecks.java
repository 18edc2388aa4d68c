package dev.lbops.deploy;

import dev.lbops.core.LbLog;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpOptions;
import dev.lbops.remote.HostStepException;
import java.util.List;

/** What a host's interfaces, as its facts report them, say of the VRRP instances it is given. */
final class InterfaceChecks {

  private InterfaceChecks() {}

  /**
   * Fails the host when a VRRP instance uses or tracks an interface it does not have.
   *
   * @throws HostStepException naming the instance, the interface and those the host has
   */
  static void check(HostConfig host, HostFacts facts) {
    for (VrrpInstance instance : host.keepalived().instances()) {
      for (VrrpOptions.TrackedInterface tracked : instance.options().trackInterfaces()) {
        if (!facts.interfaces().contains(tracked.name())) {
          throw HostStepException.of(
              host.name(),
              "checking the VRRP interfaces",
              "VRRP instance "
                  + instance.name()
                  + " tracks interface "
                  + tracked.name()
                  + ", which the host does not have (it has "
                  + facts.interfaces()
                  + "); fix 'track_interface' in the CMDB");
        }
      }
      if (!facts.interfaces().contains(instance.interfaceName())) {
        throw HostStepException.of(
            host.name(),
            "checking the VRRP interfaces",
            "VRRP instance "
                + instance.name()
                + " uses interface "
                + instance.interfaceName()
                + ", which the host does not have (it has "
                + facts.interfaces()
                + "); fix 'interface' in the CMDB");
      }
    }
  }

  /**
   * A VIP outside every network of its interface (of its address family) is reachable only through
   * extra routes.
   */
  static void warnVipsOutsideTheirNetwork(HostConfig host, HostFacts facts, LbLog log) {
    for (VrrpInstance instance : host.keepalived().instances()) {
      List<String> networks =
          facts.networks().stream()
              .filter(network -> network.startsWith(instance.interfaceName() + ":"))
              .map(network -> network.substring(network.indexOf(':') + 1))
              .toList();
      for (VirtualIp vip : instance.virtualIps()) {
        List<String> ofFamily =
            networks.stream().filter(network -> IpNetworks.sameFamily(network, vip.ip())).toList();
        if (!ofFamily.isEmpty()
            && ofFamily.stream().noneMatch(network -> IpNetworks.contains(network, vip.ip()))) {
          log.warn(
              "["
                  + host.name()
                  + "] VIP "
                  + vip.ip()
                  + " of "
                  + instance.name()
                  + " is in no network of "
                  + instance.interfaceName()
                  + " "
                  + ofFamily
                  + ": clients on that network reach it only through a route to it");
        }
      }
    }
  }
}
