package dev.lbops.render;

import dev.lbops.core.Templates;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where templates come from: a project's override directory first, then the bundled ones.
 *
 * @param overrides a directory whose files replace bundled templates of the same name, or {@code
 *     null}
 */
public record TemplateSource(Path overrides) {

  private static final String BUNDLED = "dev/lbops/render/templates/";

  public static final TemplateSource BUNDLED_ONLY = new TemplateSource(null);

  Reader open(String name) {
    try {
      if (overrides != null && Files.isRegularFile(overrides.resolve(name))) {
        return Files.newBufferedReader(overrides.resolve(name), StandardCharsets.UTF_8);
      }
      Reader bundled = Templates.resource(BUNDLED + name);
      if (bundled == null) {
        throw new IllegalArgumentException("No template named " + name);
      }
      return bundled;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + name, e);
    }
  }

  /** The template's text, for the input checksum. */
  String text(String name) {
    try (Reader reader = open(name)) {
      StringWriter text = new StringWriter();
      reader.transferTo(text);
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + name, e);
    }
  }
}
