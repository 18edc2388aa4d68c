package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.inventory.Host;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pom's {@code <hosts>} checked exactly as server.ini hosts, each problem at its element. */
class DeclaredHostsTest {

  private static HostParameter host(String name, String address) {
    HostParameter host = new HostParameter();
    host.name = name;
    host.address = address;
    return host;
  }

  private static List<String> problems(List<HostParameter> hosts) {
    try {
      DeclaredHosts.of(hosts, i -> new Location("pom.xml", 20 + i, 0));
    } catch (ProblemsException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
    throw new AssertionError("no problem");
  }

  @Test
  void wellDeclaredHosts_becomeTheCoresHosts() {
    HostParameter lb2 = host("lb2", null);
    lb2.port = 2222;
    lb2.attributes = Map.of("datacenter", "fra1");

    List<Host> hosts =
        DeclaredHosts.of(List.of(host("lb1", "198.18.0.11"), lb2), i -> Location.UNKNOWN);

    assertThat(hosts).extracting(Host::name).containsExactly("lb1", "lb2");
    assertThat(hosts.get(1).address()).isEqualTo("lb2");
    assertThat(hosts.get(1).lookupMacros("default")).containsEntry("datacenter", "fra1");
  }

  @Test
  void aNameThatIsAPathOrHoldsANewline_andAHostWithoutAName_areRefused_namingTheElement() {
    assertThat(
            problems(
                List.of(
                    host("lb1", "198.18.0.11"),
                    host("../../../x/lb02", null),
                    host("lb3\n  listen backdoor", null),
                    host(null, "198.18.0.14"),
                    host("/tmp/x", null))))
        .containsExactly(
            "pom.xml:21: <hosts><host>[2]<name>: '../../../x/lb02' is not a valid host name (fix:"
                + " use letters, digits, '.', '_' and '-', starting with a letter or digit (the"
                + " name becomes a directory below the output directory and a CMDB file name))",
            "pom.xml:22: <hosts><host>[3]<name>: 'lb3\\n  listen backdoor' is not a valid host"
                + " name (fix: use letters, digits, '.', '_' and '-', starting with a letter or"
                + " digit (the name becomes a directory below the output directory and a CMDB"
                + " file name))",
            "pom.xml:23: <hosts><host>[4]<name>: a host needs a name (fix: give it a name such as"
                + " lb1: it is the {hostname} of the CMDB lookup path)",
            "pom.xml:24: <hosts><host>[5]<name>: '/tmp/x' is not a valid host name (fix: use"
                + " letters, digits, '.', '_' and '-', starting with a letter or digit (the name"
                + " becomes a directory below the output directory and a CMDB file name))");
  }

  @Test
  void everyOtherElement_isCheckedToo() {
    HostParameter lb1 = host("lb1", "198.18.0.11\nx");
    lb1.port = 70000;
    lb1.user = "root;id";
    lb1.serverId = "a b";
    lb1.os = "../etc";
    lb1.groups = List.of("lb web");
    lb1.attributes = Map.of("rack", "..", "a/b", "x");

    assertThat(problems(List.of(lb1)))
        .containsExactlyInAnyOrder(
            "pom.xml:20: [lb1] <hosts><host>[1]<address>: '198.18.0.11\\nx' is neither an IP"
                + " address nor a host name (fix: write an address such as 198.18.0.11 or a name"
                + " such as lb1.example.org)",
            "pom.xml:20: [lb1] <hosts><host>[1]<port>: port 70000 is out of range 1..65535 (fix:"
                + " write the host's SSH port, usually 22)",
            "pom.xml:20: [lb1] <hosts><host>[1]<user>: 'root;id' is not a user name (fix: write a"
                + " login name such as root or deployer)",
            "pom.xml:20: [lb1] <hosts><host>[1]<serverId>: 'a b' is not a settings.xml server id"
                + " (fix: write the <id> of a <server> in ~/.m2/settings.xml)",
            "pom.xml:20: [lb1] <hosts><host>[1]<os>: '../etc' holds a path separator ('/' or"
                + " '\\'), which leads to another directory, but it may become a name in the CMDB"
                + " lookup path (fix: write a single name such as fra1 (no '/', no '..'))",
            "pom.xml:20: [lb1] <hosts><host>[1]<groups>: 'lb web' is not a group name (fix: write"
                + " a word such as lb, without spaces or brackets)",
            "pom.xml:20: [lb1] <hosts><host>[1]<attributes><rack>: '..' names a directory ('..'),"
                + " not a name in it, but it may become a name in the CMDB lookup path (fix: write"
                + " a single name such as fra1 (no '/', no '..'))",
            "pom.xml:20: [lb1] <hosts><host>[1]<attributes>: 'a/b' is not an attribute name (fix: use"
                + " letters, digits, '_', '.' and '-': the name is a macro of the CMDB lookup"
                + " path)");
  }

  @Test
  void moreThan4096Hosts_areRefused() {
    List<HostParameter> many = new ArrayList<>(Collections.nCopies(4097, host("lb", null)));

    assertThatThrownBy(() -> DeclaredHosts.of(many, i -> Location.UNKNOWN))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("4097 hosts are declared, more than the 4096 an inventory may list");
  }
}
