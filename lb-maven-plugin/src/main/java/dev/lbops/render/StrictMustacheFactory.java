package dev.lbops.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.Guard;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.List;

/**
 * Mustache for config files: values are written as they are (no HTML escaping) and a name the
 * template asks for that no value answers is an error, not an empty string.
 */
final class StrictMustacheFactory extends DefaultMustacheFactory {

  private final TemplateSource templates;

  StrictMustacheFactory(TemplateSource templates) {
    this.templates = templates;
    setObjectHandler(new StrictObjectHandler());
  }

  @Override
  public Reader getReader(String resourceName) {
    return templates.open(resourceName);
  }

  @Override
  public void encode(String value, Writer writer) {
    try {
      writer.write(value);
    } catch (IOException e) {
      throw new MustacheException("Cannot write rendered text", e);
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
