package dev.nginxlint.fix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.rules.RuleRegistry;
import dev.nginxlint.testsupport.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 2, "the author's values win", checked on every fix of every rule over every
 * fixture and corpus file: no applicable fix (safe or unsafe) inserts a directive into a block
 * below an outer level where the author wrote the same directive with another value (a line
 * that would shadow the author's). An array directive (proxy_set_header ...) inserted into a
 * block that has none of its own must bring along every line of the list it would otherwise
 * stop inheriting. A line that writes the value already in effect (a pin that keeps a
 * streaming location's timeout) is fine: it overrides nothing.
 */
class AuthorValuesFixTest {

  private static final Path REPO = Path.of(System.getProperty("nginxlint.repo", "."));
  private static final Path CORPUS = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus");

  /** Directives nginx inherits as a whole list: one line at a level drops the outer list there. */
  private static final Set<String> ARRAYS = Set.of("proxy_set_header", "add_header", "add_trailer",
      "fastcgi_param", "uwsgi_param", "scgi_param", "grpc_set_header", "proxy_hide_header",
      "proxy_pass_header", "fastcgi_hide_header", "fastcgi_pass_header", "proxy_redirect");

  /** Directives that are not inherited from an outer level at all. */
  private static final Set<String> NOT_INHERITED = Set.of("set", "rewrite", "return", "break", "if",
      "include", "location", "server", "upstream", "map", "listen", "server_name", "keepalive");

  /** A directive line of inserted text: its name, and the line as written. */
  private static final Pattern LINE = Pattern.compile("^\\s*([a-z_][a-z0-9_]*)(\\s[^{}]*)?;\\s*$");

  @Test
  void noFixShadowsAValueWrittenAtAnOuterLevel() throws IOException {
    List<Path> mains = new ArrayList<>();
    try (Stream<Path> rules = Files.list(REPO.resolve("fixtures"))) {
      for (Path ruleDir : rules.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> s = Files.list(ruleDir)) {
          for (Path p : s.sorted().toList()) {
            String n = p.getFileName().toString();
            if (Files.isDirectory(p) && Files.exists(p.resolve("nginx.conf"))) {
              mains.add(p.resolve("nginx.conf"));
            } else if (n.endsWith(".conf")) {
              mains.add(p);
            }
          }
        }
      }
    }
    for (String line : Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length >= 2 && (f[1].equals("main") || f[1].endsWith("-snippet"))) {
        mains.add(CORPUS.resolve(f[0]));
      }
    }
    List<String> problems = new ArrayList<>();
    int inserted = 0;
    int outerChecked = 0;
    for (Path main : mains) {
      // fixtures carry their settings in a header line; corpus files (any bytes) have none
      Settings settings = main.startsWith(REPO.resolve("fixtures"))
          ? Fixtures.settingsFromHeader(Fixtures.firstLine(main)) : new Settings();
      if (settings.option("proxy-pass-resolver", "resolver") == null) {
        // so that the resolver fix writes a line too
        settings.option("proxy-pass-resolver", "resolver", "127.0.0.53");
      }
      ConfigSet set;
      try {
        set = new ConfigLoader(new NioFileSource(FileSystems.getDefault(), main.getParent()), new PrefixMap())
            .environment(settings.environment()).load(List.of(main.toString()));
      } catch (ConfigLoader.InputException e) {
        continue; // not readable as an input: nothing to fix
      }
      Linter.Result result = new Linter(settings, RuleRegistry.rules()).run(set);
      for (Finding finding : result.findings()) {
        Fix fix = finding.fix();
        if (fix == null || fix.applicability() == Applicability.DISPLAY_ONLY) {
          continue;
        }
        for (TextEdit edit : fix.edits()) {
          for (String[] d : insertedDirectives(edit.replacement())) {
            inserted++;
            for (Directive level : levelsAt(set, edit.file(), edit.start())) {
              String problem = shadowing(level, d[0], d[1], fix, set, edit.file());
              if (problem != null) {
                problems.add(main + ": " + finding.rule() + " (" + fix.title() + ") " + problem);
              } else if (level != null && level.parent() != null) {
                outerChecked++;
              }
            }
          }
        }
      }
    }
    System.out.printf("AuthorValuesFixTest: %d configs, %d inserted directive lines, %d checked below an outer level, %d shadowing%n",
        mains.size(), inserted, outerChecked, problems.size());
    assertTrue(inserted > 100 && outerChecked > 50, "too few inserted lines checked: " + inserted + "/" + outerChecked);
    assertTrue(problems.isEmpty(), "fixes that shadow the author's outer value:\n" + String.join("\n", problems));
  }

  /** [name, normalized line] of each directive the text adds at its own level (not inside a new block). */
  static List<String[]> insertedDirectives(String text) {
    List<String[]> out = new ArrayList<>();
    int depth = 0;
    for (String line : text.split("\r?\n", -1)) {
      String t = line.trim();
      if (depth == 0) {
        Matcher m = LINE.matcher(t);
        if (m.matches()) {
          out.add(new String[] {m.group(1), normalize(t)});
        }
      }
      for (char c : t.toCharArray()) {
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      }
    }
    return out;
  }

  private static String normalize(String line) {
    return line.trim().replaceAll("\\s+", " ");
  }

  /**
   * The blocks an offset of {@code file} stands in, one per tree that holds the file (null: the
   * top level of a main config).
   */
  private static List<Directive> levelsAt(ConfigSet set, SourceFile file, int offset) {
    List<Directive> out = new ArrayList<>();
    for (ConfigTree tree : set.trees()) {
      if (!tree.files().contains(file)) {
        continue;
      }
      Directive[] best = {null};
      Directive[] top = {null};
      boolean[] seen = {false};
      tree.walk(d -> {
        if (d.file() != file) {
          return;
        }
        if (!seen[0] && (d.parent() == null || d.parent().file() != file)) {
          seen[0] = true;
          top[0] = d.parent();
        }
        if (d.hasBlock() && d.statement().closeSpan() != null && d.headSpan().end() <= offset
            && offset <= d.statement().closeSpan().start() && (best[0] == null || depth(d) > depth(best[0]))) {
          best[0] = d;
        }
      });
      if (seen[0]) {
        out.add(best[0] != null ? best[0] : top[0]);
      }
    }
    return out;
  }

  private static int depth(Directive d) {
    int n = 0;
    for (Directive p = d.parent(); p != null; p = p.parent()) {
      n++;
    }
    return n;
  }

  /** Why inserting {@code line} (directive {@code name}) into {@code level} overrides the author, or null. */
  private static String shadowing(Directive level, String name, String line, Fix fix, ConfigSet set, SourceFile file) {
    if (level == null || NOT_INHERITED.contains(name) || !own(level, name).isEmpty() && !ARRAYS.contains(name)) {
      return null;
    }
    // an upstream block inherits nothing: its keepalive_timeout is not http's client one
    for (Directive p = level; p != null; p = p.parent()) {
      if (p.name().equals("upstream")) {
        return null;
      }
    }
    for (Directive outer = level.parent(); outer != null; outer = outer.parent()) {
      List<Directive> written = own(outer, name);
      if (written.isEmpty()) {
        continue;
      }
      if (!ARRAYS.contains(name)) {
        Directive effective = written.get(written.size() - 1);
        if (normalize(Edits.textOf(effective)).equals(line)) {
          return null; // the value in effect, written down: nothing changes
        }
        return "inserts \"" + line + "\" into " + where(level) + ", shadowing \"" + Edits.textOf(effective)
            + "\" written at " + where(outer);
      }
      if (!own(level, name).isEmpty()) {
        return null; // the block has its own list already: nothing inherited is dropped
      }
      // the whole outer list must come along, or it stops reaching this block
      List<String> added = new ArrayList<>();
      for (TextEdit e : fix.edits()) {
        if (e.file() == file) {
          for (String[] d : insertedDirectives(e.replacement())) {
            added.add(d[1]);
          }
        }
      }
      for (Directive w : written) {
        if (!added.contains(normalize(Edits.textOf(w)))) {
          return "inserts \"" + line + "\" into " + where(level) + ", which drops the inherited \""
              + Edits.textOf(w) + "\" written at " + where(outer);
        }
      }
      return null;
    }
    return null;
  }

  private static List<Directive> own(Directive level, String name) {
    List<Directive> out = new ArrayList<>();
    for (Directive d : level.block()) {
      if (d.name().equals(name)) {
        out.add(d);
      }
    }
    return out;
  }

  private static String where(Directive level) {
    return level.name() + " (" + level.file().displayName() + ":" + level.span().line() + ")";
  }
}
