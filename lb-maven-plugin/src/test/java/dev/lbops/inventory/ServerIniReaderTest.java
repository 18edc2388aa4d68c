package dev.lbops.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lbops.core.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIniReaderTest {

  @TempDir Path dir;

  private Inventory read(String text, String group) throws IOException {
    Path file = dir.resolve("server.ini");
    Files.writeString(file, text);
    return new ServerIniReader().read(file, group);
  }

  @Test
  void read_theReferenceInventory_givesBothHostsWithTheirAttributes() throws IOException {
    Inventory inventory =
        read(
            "[lb]\nkeepalive01 user=root password=box auth_type=pass\nkeepalive02 user=root password=box auth_type=pass\n",
            "lb");

    assertThat(inventory.hosts())
        .extracting(Host::name)
        .containsExactly("keepalive01", "keepalive02");
    Host first = inventory.hosts().get(0);
    assertThat(first.user()).isEqualTo("root");
    assertThat(first.address()).isEqualTo("keepalive01");
    assertThat(first.password().reveal()).isEqualTo("box");
    assertThat(first.toString()).doesNotContain("box");
  }

  @Test
  void read_aPasswordInTheInventory_warnsPointingToSettingsXml() throws IOException {
    Inventory inventory = read("[lb]\nlb1 password=box\n", "lb");

    assertThat(inventory.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.isError()).isFalse();
              assertThat(problem.format())
                  .contains("server.ini:2:1: [lb1] password:")
                  .contains("settings.xml");
            });
  }

  @Test
  void read_keepsOtherGroupsOutAndExpandsRanges() throws IOException {
    Inventory inventory =
        read("[web]\nweb01\n\n[lb]\nlb[01..03] sudo=true datacenter=fra1\n", "lb");

    assertThat(inventory.hosts()).extracting(Host::name).containsExactly("lb01", "lb02", "lb03");
    assertThat(inventory.hosts().get(0).withoutSudo()).isFalse();
    assertThat(inventory.hosts().get(0).lookupMacros("prod"))
        .containsEntry("datacenter", "fra1")
        .containsEntry("hostname", "lb01");
  }

  @Test
  void read_aMissingGroup_isAnErrorListingTheGroupsFound() throws IOException {
    Inventory inventory = read("[web]\nweb01\n", "lb");

    assertThat(inventory.problems())
        .extracting(Problem::format)
        .singleElement()
        .asString()
        .contains("no group [lb] in the inventory (groups found: [web])");
  }

  @Test
  void read_sudoFalse_forbidsSudo_andAnotherWordIsAnError_leavingThatHostOut() throws IOException {
    Inventory inventory =
        read("[lb]\nlb1 user=ops sudo=false\nlb2 sudo=No\nlb3\nlb4 sudo=maybe\n", "lb");

    assertThat(inventory.hosts())
        .extracting(Host::name, Host::withoutSudo)
        .containsExactly(tuple("lb1", true), tuple("lb2", true), tuple("lb3", false));
    assertThat(inventory.problems())
        .extracting(Problem::format)
        .singleElement()
        .asString()
        .contains("[lb4] sudo: sudo must be true or false, not 'maybe'");
  }
}
