package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.Context;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A snippet's context is a guess: it must never make nginx-lint reject what nginx accepts (issue 14 A6). */
class SnippetContextTest {

  private static ConfigSet load(FileSystem fs, String file) throws Exception {
    return new ConfigLoader(new NioFileSource(fs, fs.getPath("/repo")), new PrefixMap()).load(List.of(file));
  }

  private static List<String> structural(ConfigSet set) {
    List<String> out = new ArrayList<>();
    for (Finding f : new Linter(new Settings(), RuleRegistry.rules()).run(set).findings()) {
      if (f.severity() == dev.nginxlint.lint.Severity.ERROR) {
        out.add(f.file().displayName() + ":" + f.span().line() + " " + f.rule());
      }
    }
    return out;
  }

  @Test
  void anIfBlockAloneFitsAServerAndALocation() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Files.createDirectories(fs.getPath("/repo"));
      Files.writeString(fs.getPath("/repo/cors.conf"),
          "if ($http_origin ~ '^https://a\\.example$') {\n    add_header Access-Control-Allow-Origin $http_origin;\n}\n");
      ConfigSet set = load(fs, "cors.conf");
      assertEquals(Set.of(Context.SERVER, Context.LOCATION), set.trees().get(0).possibleRoots());
      // add_header is not allowed in an if at server level, but is in one in a location
      assertEquals(List.of(), structural(set));
    }
  }

  @Test
  void aSnippetOfOnlyIncludesTakesItsPlaceFromWhatTheyBringIn() throws Exception {
    // h5bp's basic.conf: include lines only, one of them a file of location blocks
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Files.createDirectories(fs.getPath("/repo/h5bp/location"));
      // the conf root (where relative includes resolve) does not include the snippet itself
      Files.writeString(fs.getPath("/repo/nginx.conf"), "events {}\nhttp {\n}\n");
      Files.writeString(fs.getPath("/repo/h5bp/basic.conf"), "include h5bp/location/files.conf;\n");
      Files.writeString(fs.getPath("/repo/h5bp/location/files.conf"),
          "location ~* /\\.(?!well-known\\/) {\n    deny all;\n}\n");
      ConfigSet set = load(fs, "h5bp/basic.conf");
      assertEquals(Context.SERVER, set.trees().get(0).rootContext());
      assertEquals(List.of(), structural(set));
    }
  }

  @Test
  void aDirectiveNoPossiblePlaceAcceptsIsStillReported() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Files.createDirectories(fs.getPath("/repo"));
      Files.writeString(fs.getPath("/repo/bad.conf"), "if ($host = a) {\n    listen 8080;\n}\n");
      assertEquals(List.of("bad.conf:2 directive-not-allowed-here"), structural(load(fs, "bad.conf")));
    }
  }

  @Test
  void aSnippetCheckedAloneAfterItsNginxConfWasRejectedStillReportsItsMissingInclude() throws Exception {
    // the nginx.conf above reaches the snippet, but another file it reads is broken: the snippet is
    // checked on its own, and what it lacks is reported there (the attempt once swallowed it)
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Files.createDirectories(fs.getPath("/repo/conf.d"));
      Files.writeString(fs.getPath("/repo/nginx.conf"), "events {}\nhttp {\n    include conf.d/*.conf;\n}\n");
      Files.writeString(fs.getPath("/repo/conf.d/a.conf"), "server {\n    listen 8080;\n    include missing.conf;\n}\n");
      Files.writeString(fs.getPath("/repo/conf.d/b.conf"), "server {\n    listen 8081;\n    location / {\n}\n");
      assertEquals(List.of("conf.d/a.conf:3 include-not-found"), structural(load(fs, "conf.d/a.conf")));
    }
  }
}
