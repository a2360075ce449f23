package dev.nginxlint.rules.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * nginx variables as its script compiler reads them, and the built-in ones (stock modules and
 * the third-party modules of Debian's nginx-extras), read from {@code builtin-variables.tsv}.
 * nginx compares variable names case-insensitively ($HOST is $host), so lookups here do too.
 */
public final class Variables {

  private static final String RESOURCE = "/dev/nginxlint/variables/builtin-variables.tsv";

  private Variables() {}

  /**
   * The variable reference starting at {@code i} ('$'), as ngx_http_script_compile reads it:
   * {nameStart, nameEnd, next index}; a capture $1..$9 is the single digit; null when no name
   * follows ('$' before another character is not a reference).
   */
  public static int[] referenceAt(String s, int i) {
    if (s.charAt(i) != '$' || i + 1 >= s.length()) {
      return null;
    }
    char c = s.charAt(i + 1);
    if (c >= '1' && c <= '9') {
      return new int[] {i + 1, i + 2, i + 2};
    }
    boolean braced = c == '{';
    int start = braced ? i + 2 : i + 1;
    int end = start;
    while (end < s.length() && isNameChar(s.charAt(end))) {
      end++;
    }
    if (end == start) {
      return null;
    }
    if (braced) {
      // "${name" without its '}' is nginx's own error, not a reference
      if (end >= s.length() || s.charAt(end) != '}') {
        return null;
      }
      return new int[] {start, end, end + 1};
    }
    return new int[] {start, end, end};
  }

  public static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** A variable name as it is written in a text: "$name" or "${name}", with where it stands. */
  public record Reference(String name, int start, int end, boolean braced) {}

  /** The variable references of a text, in order (captures $1..$9 included). */
  public static List<Reference> references(String s) {
    List<Reference> out = new ArrayList<>();
    int i = s.indexOf('$');
    while (i >= 0) {
      int[] ref = referenceAt(s, i);
      if (ref == null) {
        i = s.indexOf('$', i + 1);
        continue;
      }
      out.add(new Reference(s.substring(ref[0], ref[1]), i, ref[2], s.charAt(i + 1) == '{'));
      i = s.indexOf('$', ref[2]);
    }
    return out;
  }

  // ---- the built-in table ----

  private static final class Table {
    static final Set<String> HTTP = new HashSet<>();
    static final Set<String> STREAM = new HashSet<>();
    static final List<String> HTTP_PREFIXES = new ArrayList<>();
    static final List<String> STREAM_PREFIXES = new ArrayList<>();

    static {
      try (InputStream in = Variables.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] cols = line.split("\t");
          String name = cols[0].toLowerCase(Locale.ROOT);
          String where = cols.length > 1 ? cols[1] : "http";
          boolean prefix = name.endsWith("*");
          String key = prefix ? name.substring(0, name.length() - 1) : name;
          add(where.contains("http"), prefix, key, HTTP, HTTP_PREFIXES);
          add(where.contains("stream"), prefix, key, STREAM, STREAM_PREFIXES);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void add(boolean here, boolean prefix, String key, Set<String> names, List<String> prefixes) {
      if (!here) {
        return;
      }
      if (prefix) {
        prefixes.add(key);
      } else {
        names.add(key);
      }
    }
  }

  /** True when nginx (stock modules or nginx-extras' third-party ones) provides the variable. */
  public static boolean isBuiltin(String name, boolean stream) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (stream ? Table.STREAM.contains(lower) : Table.HTTP.contains(lower)) {
      return true;
    }
    for (String p : stream ? Table.STREAM_PREFIXES : Table.HTTP_PREFIXES) {
      // (nginx accepts the bare prefix too: $arg_ is an empty argument name)
      if (lower.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
