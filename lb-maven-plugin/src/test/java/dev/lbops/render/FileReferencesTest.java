package dev.lbops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileReferencesTest {

  @Test
  void haproxyPaths_areFoundOnTheirLines_alsoInFreeLines_andRelativeOnesBelowTheirBase() {
    RenderedFile file =
        new RenderedFile(
            "lb1",
            ConfigKind.HAPROXY,
            String.join(
                "\n",
                "global",
                "  crt-base /etc/haproxy/certs",
                "  lua-load /etc/haproxy/lua/auth.lua",
                "frontend www",
                "  bind 198.18.0.100:443 ssl crt site.pem ca-file /etc/haproxy/ca.pem verify optional",
                "  bind 198.18.0.100:8443 ssl crt /etc/haproxy/certs/ crt-ignore-err all",
                "  acl blocked src -f /etc/haproxy/blocked.lst",
                "  http-request set-header X-Zone %[src,map_ip(/etc/haproxy/maps/zones.map,none)]",
                "  # crt /etc/haproxy/commented.pem",
                "backend web",
                "  errorfile 503 /etc/haproxy/errors/503.http",
                "  server s1 198.18.1.11:443 ssl ca-file /etc/ssl/certs/ca-certificates.crt",
                ""));

    assertThat(FileReferences.of(file))
        .extracting(
            FileReference::path,
            FileReference::line,
            FileReference::keyword,
            FileReference::directory)
        .containsExactly(
            tuple("/etc/haproxy/lua/auth.lua", 3, "lua-load", false),
            tuple("/etc/haproxy/certs/site.pem", 5, "crt", false),
            tuple("/etc/haproxy/ca.pem", 5, "ca-file", false),
            tuple("/etc/haproxy/certs/", 6, "crt", true),
            tuple("/etc/haproxy/blocked.lst", 7, "-f", false),
            tuple("/etc/haproxy/maps/zones.map", 8, "map_ip", false),
            tuple("/etc/haproxy/errors/503.http", 11, "errorfile", false),
            tuple("/etc/ssl/certs/ca-certificates.crt", 12, "ca-file", false));
    assertThat(FileReferences.of(file).get(1).where()).isEqualTo("/etc/haproxy/haproxy.cfg:5");
  }

  @Test
  void keepalivedPrograms_areTheFirstWordOfTheirCommand() {
    RenderedFile file =
        new RenderedFile(
            "lb1",
            ConfigKind.KEEPALIVED,
            String.join(
                "\n",
                "vrrp_script chk_haproxy {",
                "  script \"/bin/sh -c 'kill -0 $(cat /run/haproxy.pid)'\"",
                "}",
                "vrrp_script chk_web {",
                "  script \"/usr/local/lib/lb-maven-plugin/check-web.sh 80\"",
                "}",
                "vrrp_instance vi {",
                "  track_script {",
                "    chk_web",
                "  }",
                "  notify_master \"/etc/keepalived/notify.sh master\"",
                "  notify /usr/local/bin/notify-all",
                "}",
                ""));

    List<FileReference> references = FileReferences.of(file);

    assertThat(references)
        .extracting(FileReference::path, FileReference::keyword, FileReference::program)
        .containsExactly(
            tuple("/bin/sh", "script", true),
            tuple("/usr/local/lib/lb-maven-plugin/check-web.sh", "script", true),
            tuple("/etc/keepalived/notify.sh", "notify_master", true),
            tuple("/usr/local/bin/notify-all", "notify", true));
  }
}
