package dev.lbops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.core.LbLog;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets masked where the config grammar puts them, then by value; files kept private. */
class RedactionTest {

  @TempDir Path out;

  private static String rendered(String host, ConfigKind kind) {
    return ClusterRendererTest.renderRich().stream()
        .filter(file -> file.host().equals(host) && file.kind() == kind)
        .findFirst()
        .orElseThrow()
        .content();
  }

  @Test
  void everySecretThePluginWrites_isMaskedByStructure_withoutKnowingIts_value() {
    String keepalived =
        ConfigKind.KEEPALIVED.redact(rendered("lb1", ConfigKind.KEEPALIVED), List.of());
    String haproxy = ConfigKind.HAPROXY.redact(rendered("lb1", ConfigKind.HAPROXY), List.of());

    assertThat(keepalived).contains("    auth_pass ******\n").doesNotContain("vrrpPw");
    assertThat(haproxy)
        .contains("  stats auth ops:******\n", "  user alice password ******\n")
        .doesNotContain("St4tsPw", "$6$salt$Hash");
  }

  @Test
  void aHandWrittenFile_hasItsSecretsMaskedToo_alsoInLinesCommentedOut() {
    String current =
        """
        global
        # stats auth admin:0ld-Pw1
        listen stats
          stats auth admin:0ld Pw2 with spaces
        userlist u
          user bob insecure-password 0ld-Pw3 groups admins
          user "carol" password '$6$0ld$quoted'
        """;

    String redacted = ConfigKind.HAPROXY.redact(current, List.of());

    assertThat(redacted)
        .contains("# stats auth admin:******\n", "  stats auth admin:******\n")
        .contains("user bob insecure-password ****** groups admins\n")
        .contains("user \"carol\" password ******\n")
        .doesNotContain("0ld");
    assertThat(
            ConfigKind.KEEPALIVED.redact("  ! auth_pass 0ldVr\n  auth_pass  0ldVr2  \n", List.of()))
        .isEqualTo("  ! auth_pass ******\n  auth_pass  ******  \n");
  }

  @Test
  void aKnownSecretElsewhere_isMaskedByValue_longestFirst() {
    String text = "  # rotated from Abc9 to Abc9XYZ9\n";

    assertThat(ConfigKind.HAPROXY.redact(text, List.of(Secret.of("Abc9"), Secret.of("Abc9XYZ9"))))
        .isEqualTo("  # rotated from ****** to ******\n");
  }

  @Test
  void aHostNameLeadingOutOfTheOutputDirectory_isRefused_andNothingIsWritten() {
    RenderedFile escaping = new RenderedFile("../../x", ConfigKind.HAPROXY, "global\n");
    RenderedFile fine = new RenderedFile("lb1", ConfigKind.HAPROXY, "global\n");

    assertThatThrownBy(
            () ->
                new ClusterRenderer(TemplateSource.BUNDLED_ONLY)
                    .write(List.of(fine, escaping), out))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("host name '../../x' holds a path separator");
    assertThat(out).isEmptyDirectory();
    assertThatThrownBy(() -> new RenderedFile("..", ConfigKind.KEEPALIVED, "").localPath(out))
        .isInstanceOf(ProblemsException.class);
  }

  @Test
  void theRecordOfCheckedConfigs_isReadableByItsOwnerOnly() throws IOException {
    Path file = Files.writeString(out.resolve(PassedChecks.FILE), "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PassedChecks.in(out, new ConfigChecker(LbLog.NONE))
        .add(List.of(new RenderedFile("lb1", ConfigKind.HAPROXY, "global\n")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(file)).singleElement().asString().matches("[0-9a-f]{64}");
  }
}
