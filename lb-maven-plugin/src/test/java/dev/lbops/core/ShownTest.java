package dev.lbops.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownTest {

  @Test
  void controlAndInvisibleCharacters_areEscaped_soAValueCannotStartALogLine() {
    assertThat(Shown.escaped("lb1\n[INFO] BUILD SUCCESS")).isEqualTo("lb1\\n[INFO] BUILD SUCCESS");
    assertThat(Shown.escaped("web\u200b1")).isEqualTo("web\\u200b1");
    assertThat(Shown.escaped("a\r\tb\u0000c\u202ed\u00a0e\u2028f"))
        .isEqualTo("a\\r\\tb\\u0000c\\u202ed\\u00a0e\\u2028f");
    assertThat(Shown.quoted("ops")).isEqualTo("'ops'");
  }

  @Test
  void whatAHostPrinted_keepsItsLines_butNoneOfThemCanPassForALogLineOfTheBuild() {
    String shown = Shown.block("haproxy: bad line\n[INFO] BUILD SUCCESS\r\n\u001b[2Jdone\u200b");

    assertThat(shown.lines())
        .containsExactly(
            "haproxy: bad line",
            Shown.BLOCK_INDENT + "[INFO] BUILD SUCCESS",
            Shown.BLOCK_INDENT + "\\u001b[2Jdone\\u200b");
    assertThat(Shown.block("one line")).isEqualTo("one line");
  }

  @Test
  void printableText_includingOtherScripts_isShownAsItIs() {
    assertThat(Shown.escaped("Zürich-lb_1.example/ünï €")).isEqualTo("Zürich-lb_1.example/ünï €");
    assertThat(Shown.hasInvisible("Zürich lb1")).isFalse();
    assertThat(Shown.hasInvisible("lb1\u200b")).isTrue();
  }

  @Test
  void aProblem_isAlwaysOneLine_whateverItsValuesHold() {
    Problem problem =
        Problem.error(
            new Location("cmdb/default.yml", 3, 1),
            "lb1",
            "x\n[INFO] BUILD SUCCESS",
            "unknown key 'x\n[INFO] BUILD SUCCESS'",
            "remove it");

    assertThat(problem.format())
        .isEqualTo(
            "cmdb/default.yml:3:1: [lb1] x\\n[INFO] BUILD SUCCESS: unknown key"
                + " 'x\\n[INFO] BUILD SUCCESS' (fix: remove it)")
        .doesNotContain("\n");
    assertThat(new ProblemsException("Errors:", java.util.List.of(problem)).getMessage().lines())
        .hasSize(2);
  }
}
