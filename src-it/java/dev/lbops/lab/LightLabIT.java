package dev.lbops.lab;

import dev.lbops.remote.DirectServiceControl;
import dev.lbops.remote.ServiceControl;
import org.junit.jupiter.api.BeforeAll;

/** The lab contract on light hosts: namespaces, no systemd. */
class LightLabIT extends LabContract {

  @BeforeAll
  static void up() {
    lab = LabFixture.up("lightit", HostKind.LIGHT, 2, 2);
  }

  @Override
  protected Class<? extends ServiceControl> expectedControl() {
    return DirectServiceControl.class;
  }

  @Override
  protected String expectedInit() {
    return "tini";
  }
}
