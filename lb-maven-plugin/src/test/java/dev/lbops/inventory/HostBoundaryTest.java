package dev.lbops.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** server.ini hosts checked where they enter: every attribute, and Rex's ranges. */
class HostBoundaryTest {

  @TempDir Path dir;

  private Inventory read(String text) throws IOException {
    Path file = dir.resolve("server.ini");
    Files.writeString(file, text);
    return new ServerIniReader().read(file, "lb");
  }

  private String problems(String text) throws IOException {
    Inventory inventory = read(text);
    return String.join(
        "\n", inventory.problems().stream().filter(Problem::isError).map(Problem::format).toList());
  }

  @Test
  void aNameThatIsAPath_isRefusedWithItsLine_andTheHostIsNotUsed() throws IOException {
    Inventory inventory = read("[lb]\nlb1\n../../x/lb02 user=root\n/tmp/x\n");

    assertThat(inventory.hosts()).extracting(Host::name).containsExactly("lb1");
    assertThat(inventory.problems())
        .extracting(Problem::format)
        .containsExactly(
            dir.resolve("server.ini")
                + ":3:1: '../../x/lb02' is not a valid host name (fix: use letters, digits, '.', '_'"
                + " and '-', starting with a letter or digit (the name becomes a directory below"
                + " the output directory and a CMDB file name))",
            dir.resolve("server.ini")
                + ":4:1: '/tmp/x' is not a valid host name (fix: use letters, digits, '.', '_' and"
                + " '-', starting with a letter or digit (the name becomes a directory below the"
                + " output directory and a CMDB file name))");
  }

  @Test
  void everyAttribute_isCheckedAtItsLine() throws IOException {
    String found =
        problems(
            "[lb]\nlb1 address=198.18.0.11;rm user=ops:x server_id=a/b os=.. rack=a/b"
                + " sudo=maybe auth_type=rsh\nlb2 password=a\u200bb\n");

    assertThat(found)
        .contains(
            "server.ini:2:1: [lb1] address: '198.18.0.11;rm' is neither an IP address nor a host name")
        .contains("server.ini:2:1: [lb1] user: 'ops:x' is not a user name")
        .contains("server.ini:2:1: [lb1] server_id: 'a/b' is not a settings.xml server id")
        .contains(
            "server.ini:2:1: [lb1] os: '..' names a directory ('..'), not a name in it, but it may"
                + " become a name in the CMDB lookup path")
        .contains("server.ini:2:1: [lb1] rack: 'a/b' holds a path separator")
        .contains("server.ini:2:1: [lb1] sudo: sudo must be true or false, not 'maybe'")
        .contains("server.ini:2:1: [lb1] auth_type: unknown auth_type 'rsh'")
        .contains(
            "server.ini:3:1: [lb2] password: the password holds a line break, control or invisible"
                + " character")
        .doesNotContain("a\u200bb");
  }

  @Test
  @Timeout(10)
  void aRangeAtTheTopOfTheIntegers_endsWithItsLastHost() throws IOException {
    assertThat(read("[lb]\nlb[2147483640..2147483647]\n").hosts())
        .extracting(Host::name)
        .hasSize(8)
        .startsWith("lb2147483640")
        .endsWith("lb2147483647");
  }

  @Test
  void aRangeBoundTooLarge_isAProblemNotANumberFormatException() throws IOException {
    assertThat(problems("[lb]\nlb[1..9999999999]\n"))
        .contains(
            "server.ini:2:1: 'lb[1..9999999999]' brings the group over 4096 hosts, the most an"
                + " inventory may list");
    assertThat(problems("[lb]\nlb[1..99999999999999999999]\n"))
        .contains(
            "server.ini:2:1: range 'lb[1..99999999999999999999]' has a bound of more than 18"
                + " digits (fix: an inventory lists at most 4096 hosts: write a smaller range)");
  }

  @Test
  void aRangeOfMixedWidths_isRefused_whileOneWidthOrNoPaddingIsRead() throws IOException {
    assertThat(problems("[lb]\nlb[01..99999]\n"))
        .contains(
            "range 'lb[01..99999]' mixes widths: a zero-padded range needs both bounds of the same width");
    assertThat(read("[lb]\nweb[08..10]\nlb[9..11]\n").hosts())
        .extracting(Host::name)
        .containsExactly("web08", "web09", "web10", "lb9", "lb10", "lb11");
  }

  @Test
  void moreThan4096Hosts_areRefused_whetherByRangeOrLine() throws IOException {
    assertThat(problems("[lb]\nlb[1..5000]\n"))
        .contains("'lb[1..5000]' brings the group over 4096 hosts, the most an inventory may list");
    assertThat(problems("[lb]\nlb[1..4096]\nlb4097\n"))
        .contains("'lb4097' brings the group over 4096 hosts");
    assertThat(problems("[lb]\nlb[9..1]\n")).contains("runs backwards");
  }

  @Test
  void aFileThatIsNotUtf8_isNamedWithItsLine() throws IOException {
    Path file = dir.resolve("server.ini");
    Files.write(file, "[lb]\nz\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> new ServerIniReader().read(file, "lb"))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining(file + ":2:2: byte 0xFC is not UTF-8");
  }

  @Test
  void aGroupNameWithALineBreak_isEscapedInTheMessage() throws IOException {
    Path file = dir.resolve("server.ini");
    Files.writeString(file, "[web]\nweb1\n");

    assertThat(new ServerIniReader().read(file, "lb\n[INFO] BUILD SUCCESS").problems())
        .extracting(Problem::format)
        .singleElement()
        .asString()
        .contains("no group [lb\\n[INFO] BUILD SUCCESS]")
        .doesNotContain("\n");
  }
}
