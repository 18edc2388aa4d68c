package dev.lbops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Pins what users rely on in the generated plugin.xml: prefix, goals, phases, running without a
 * pom.
 */
class PluginDescriptorTest {

  private static Document descriptor;
  private static final Map<String, Element> MOJOS = new HashMap<>();

  @BeforeAll
  static void read() throws Exception {
    descriptor =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      MOJOS.put(text(mojo, "goal"), mojo);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }

  @Test
  void goalPrefix_isLb() {
    assertThat(
            descriptor
                .getDocumentElement()
                .getElementsByTagName("goalPrefix")
                .item(0)
                .getTextContent())
        .isEqualTo("lb");
  }

  @Test
  void goals_bindToTheirPhases_andRunWithoutAPom() {
    assertThat(MOJOS)
        .containsKeys(
            "validate",
            "render",
            "explain",
            "help",
            "deploy",
            "diff",
            "setup",
            "lab-up",
            "lab-down",
            "verify",
            "status",
            "rehearse",
            "package");
    assertThat(text(MOJOS.get("deploy"), "phase")).isEqualTo("deploy");
    assertThat(text(MOJOS.get("verify"), "phase")).isEqualTo("deploy");
    assertThat(text(MOJOS.get("package"), "phase")).isEqualTo("package");
    assertThat(text(MOJOS.get("package"), "requiresProject"))
        .as("an artifact needs a project")
        .isEqualTo("true");
    assertThat(text(MOJOS.get("diff"), "phase")).as("diff binds to no phase").isEmpty();
    assertThat(text(MOJOS.get("validate"), "phase")).isEqualTo("validate");
    assertThat(text(MOJOS.get("render"), "phase")).isEqualTo("generate-resources");
    for (String goal :
        new String[] {
          "validate",
          "render",
          "explain",
          "deploy",
          "diff",
          "setup",
          "lab-up",
          "lab-down",
          "verify",
          "status",
          "rehearse"
        }) {
      assertThat(text(MOJOS.get(goal), "requiresProject")).as(goal).isEqualTo("false");
    }
  }
}
