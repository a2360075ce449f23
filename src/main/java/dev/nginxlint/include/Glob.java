package dev.nginxlint.include;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * glob(3) as nginx calls it (no flags): '*', '?' and '[...]' per path component, '\' quotes the
 * next character, no braces, and a leading '.' is matched only by a literal '.' (E99).
 */
final class Glob {
  private Glob() {}

  static boolean hasMeta(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** The pattern for one path component. */
  static Pattern component(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '\\' -> {
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          } else {
            re.append("\\\\");
          }
        }
        case '[' -> {
          int close = classEnd(glob, i);
          if (close < 0) {
            re.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            StringBuilder cls = new StringBuilder("[");
            int j = 0;
            if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
              cls.append('^');
              j = 1;
            }
            for (; j < body.length(); j++) {
              char b = body.charAt(j);
              if (b == '-' && j > 0 && j < body.length() - 1) {
                cls.append('-');
              } else {
                cls.append(Pattern.quote(String.valueOf(b)).replace("\\Q", "").replace("\\E", ""));
                if ("\\[]^&-".indexOf(b) >= 0) {
                  cls.setLength(cls.length() - 1);
                  cls.append('\\').append(b);
                }
              }
            }
            cls.append(']');
            re.append(cls);
            i = close;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Index of the ']' closing a class opened at i ("[]...]" and "[!]...]" include the ']'). */
  private static int classEnd(String glob, int i) {
    int j = i + 1;
    if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
      j++;
    }
    if (j < glob.length() && glob.charAt(j) == ']') {
      j++;
    }
    for (; j < glob.length(); j++) {
      if (glob.charAt(j) == ']') {
        return j;
      }
    }
    return -1;
  }

  /** Removes the quoting backslashes of a component that has no meta characters. */
  static String unquote(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /** glob(3) with no flags over a file source: per-component matching, results sorted in byte order. */
  static List<Path> expand(FileSource src, Path pattern) {
    Path root = pattern.getRoot();
    List<Path> current = new ArrayList<>();
    current.add(root != null ? root : src.path("."));
    int n = pattern.getNameCount();
    for (int i = 0; i < n; i++) {
      String comp = pattern.getName(i).toString();
      boolean last = i == n - 1;
      List<Path> next = new ArrayList<>();
      if (!hasMeta(comp)) {
        String name = unquote(comp);
        for (Path c : current) {
          Path p = c.resolve(name);
          if (last ? src.exists(p) : src.isDirectory(p)) {
            next.add(p);
          }
        }
      } else {
        Pattern re = component(comp);
        boolean dotOk = comp.startsWith(".");
        for (Path c : current) {
          if (!src.isDirectory(c)) {
            continue;
          }
          List<String> names;
          try {
            names = src.list(c);
          } catch (IOException e) {
            continue;
          }
          for (String name : names) {
            if (name.startsWith(".") && !dotOk) {
              continue;
            }
            Path p = c.resolve(name);
            if (re.matcher(name).matches() && (last || src.isDirectory(p))) {
              next.add(p);
            }
          }
        }
      }
      current = next;
      if (current.isEmpty()) {
        return List.of();
      }
    }
    current.sort(Comparator.comparing(Path::toString, Glob::compareBytes));
    return current;
  }

  /** Byte order of the UTF-8 encodings, as glob(3) sorts in the C locale (E98). */
  static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
