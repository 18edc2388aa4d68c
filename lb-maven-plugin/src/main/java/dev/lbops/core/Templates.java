package dev.lbops.core;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.Guard;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Strict Mustache for every text the plugin writes from a template — configs, remote scripts, the
 * HTML report: a name the template asks for that no value answers is an error, not an empty string,
 * and each {@code {{value}}} is escaped for the kind of text it goes into by one helper ({@link
 * Escaping}); {@code {{{value}}}} writes a trusted text (such as another rendered script) as it is.
 * Compiled templates are cached per instance and thread-safe.
 */
public final class Templates {

  /** How a {@code {{value}}} is written into the text. */
  public enum Escaping {
    /** As it is: config files, whose values are checked where they enter. */
    NONE,
    /** As one single-quoted shell word. */
    SHELL,
    /** HTML-escaped. */
    HTML
  }

  private final Function<String, Reader> source;
  private final Factory factory;

  /**
   * @param source opens a template by name; {@code null} when there is none of that name
   */
  public Templates(Function<String, Reader> source, Escaping escaping) {
    this.source = source;
    this.factory = new Factory(source, escaping);
  }

  /**
   * Templates bundled with the plugin as resources below {@code directory} (e.g. {@code
   * dev/lbops/remote/}).
   */
  public static Templates bundled(String directory, Escaping escaping) {
    return new Templates(name -> resource(directory + name), escaping);
  }

  /**
   * Opens a template of {@code overrides} (a project's directory; may be {@code null}) when it has
   * one of that name, else the bundled one below {@code bundledDirectory}, else {@code null}.
   */
  public static Reader open(Path overrides, String bundledDirectory, String name) {
    Path file = overrides == null ? null : overrides.resolve(name);
    if (file == null || !Files.isRegularFile(file)) {
      return resource(bundledDirectory + name);
    }
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + file, e);
    }
  }

  /** A bundled resource's reader, or {@code null} when there is none. */
  public static Reader resource(String path) {
    InputStream in = Templates.class.getClassLoader().getResourceAsStream(path);
    return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /**
   * Renders the template {@code name} with {@code scope} (a map, a record or any object whose
   * fields and methods answer the template's names).
   *
   * @throws MustacheException when the template asks for a name nothing answers
   */
  public String render(String name, Object scope) {
    Mustache template = factory.compile(name);
    StringWriter out = new StringWriter();
    try {
      template.execute(out, scope).flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render " + name, e);
    }
    return out.toString();
  }

  /**
   * The file {@code name} as it is, not rendered: a file installed on a host, a helper a script
   * runs.
   *
   * @throws IllegalStateException when there is no such file
   */
  public String text(String name) {
    try (Reader reader = source.apply(name)) {
      if (reader == null) {
        throw new IllegalStateException("No file named " + name);
      }
      StringWriter text = new StringWriter();
      reader.transferTo(text);
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /** {@code value} as one single-quoted shell word. */
  public static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** {@code value} with HTML's special characters escaped. */
  public static String htmlEscape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final class Factory extends DefaultMustacheFactory {
    private final Function<String, Reader> source;
    private final Escaping escaping;

    Factory(Function<String, Reader> source, Escaping escaping) {
      this.source = source;
      this.escaping = escaping;
      setObjectHandler(new StrictObjectHandler());
    }

    @Override
    public Reader getReader(String resourceName) {
      Reader reader = source.apply(resourceName);
      if (reader == null) {
        throw new MustacheException("No template named " + resourceName);
      }
      return reader;
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(
            switch (escaping) {
              case NONE -> value;
              case SHELL -> shellQuote(value);
              case HTML -> htmlEscape(value);
            });
      } catch (IOException e) {
        throw new MustacheException("Cannot write rendered text", e);
      }
    }
  }

  private static final class StrictObjectHandler extends ReflectionObjectHandler {
    @Override
    protected MissingWrapper createMissingWrapper(String name, List<Guard> guards) {
      return new MissingWrapper(name, guards.toArray(new Guard[0])) {
        @Override
        public Object call(List<Object> scopes) throws GuardException {
          guardCall(scopes);
          throw new MustacheException(
              "the template asks for '" + name + "', which has no value here");
        }
      };
    }
  }
}
