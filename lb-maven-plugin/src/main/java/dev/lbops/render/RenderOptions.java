package dev.lbops.render;

import java.nio.file.Path;

/**
 * How to render.
 *
 * @param producedFor the project named in each file's header, such as {@code
 *     group:artifact:version}
 * @param checkWithTools check each file with {@code haproxy -c} / {@code keepalived -t} when
 *     installed
 */
public record RenderOptions(
    Path outputDirectory, TemplateSource templates, String producedFor, boolean checkWithTools) {}
