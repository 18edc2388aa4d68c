package dev.lbops.render;

import dev.lbops.core.Templates;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    Reader reader = Templates.open(overrides, BUNDLED, name);
    if (reader == null) {
      throw new IllegalArgumentException("No template named " + name);
    }
    return reader;
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
