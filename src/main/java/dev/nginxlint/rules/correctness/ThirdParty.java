package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names of directives that third-party modules add (the curated list in
 * third-party-directives.txt), and the module families a tree's load_module lines bring in.
 */
public final class ThirdParty {

  public static final String RESOURCE = "/dev/nginxlint/directives/third-party-directives.txt";

  private static final class Holder {
    static final ThirdParty INSTANCE = load();
  }

  private final Set<String> names;
  private final List<String> prefixes;

  private ThirdParty(Set<String> names, List<String> prefixes) {
    this.names = names;
    this.prefixes = prefixes;
  }

  public static ThirdParty get() {
    return Holder.INSTANCE;
  }

  public Set<String> names() { return names; }
  public List<String> prefixes() { return prefixes; }

  /** True when the curated list names this directive. */
  public boolean isKnown(String name) {
    if (names.contains(name)) {
      return true;
    }
    for (String p : prefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The family words of the modules the tree loads: `load_module modules/ngx_http_foo_bar_module.so`
   * gives "foo_bar" (the ngx_, http_/stream_/mail_ prefix and the _module/_filter suffix dropped).
   */
  public static Set<String> loadedFamilies(RuleContext ctx) {
    return loadedFamilies(ctx.directivesNamed("load_module"));
  }

  private static Set<String> loadedFamilies(List<Directive> loads) {
    Set<String> out = new LinkedHashSet<>();
    loads.forEach(d -> {
      if (d.argCount() != 1) {
        return;
      }
      String f = d.arg(0);
      f = f.substring(f.lastIndexOf('/') + 1);
      int dot = f.indexOf('.');
      if (dot > 0) {
        f = f.substring(0, dot);
      }
      f = f.toLowerCase(Locale.ROOT);
      f = strip(f, "ngx_", true);
      for (String p : List.of("http_", "stream_", "mail_")) {
        f = strip(f, p, true);
      }
      f = strip(f, "_module", false);
      f = strip(f, "_filter", false);
      if (f.length() >= 2) {
        out.add(f);
      }
    });
    return out;
  }

  private static String strip(String s, String part, boolean prefix) {
    if (prefix) {
      return s.startsWith(part) ? s.substring(part.length()) : s;
    }
    return s.endsWith(part) ? s.substring(0, s.length() - part.length()) : s;
  }

  /**
   * True when a directive name belongs to a loaded family: it is the family word, starts with
   * "word_", ends with "_word" or has "_word_" inside (content_by_lua_block for "lua").
   */
  public static boolean belongsTo(String name, Set<String> families) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String f : families) {
      if (n.equals(f) || n.startsWith(f + "_") || n.endsWith("_" + f) || n.contains("_" + f + "_")) {
        return true;
      }
    }
    return false;
  }

  private static ThirdParty load() {
    Set<String> names = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    try (InputStream in = ThirdParty.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.endsWith("*")) {
          prefixes.add(line.substring(0, line.length() - 1));
        } else {
          names.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ThirdParty(Set.copyOf(names), List.copyOf(prefixes));
  }
}
