package dev.nginxlint.report;

import dev.nginxlint.Json;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitLab Code Quality JSON. Fingerprints hash rule, path and the finding's source text (not
 * its line number), so a finding keeps its identity when lines above it move.
 */
public final class GitlabReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    List<Object> list = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Finding f : result.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("description", f.rule() + ": " + f.message());
      m.put("check_name", f.rule());
      String text = f.file().text(f.span().start(), Math.min(f.span().end(), f.file().size()));
      String base = f.rule() + "\u0000" + f.file().displayName() + "\u0000" + text.strip();
      String fp = md5(base);
      for (int salt = 1; !used.add(fp); salt++) {
        fp = md5(base + "\u0000" + salt);
      }
      m.put("fingerprint", fp);
      m.put("severity", switch (f.severity()) {
        case ERROR -> "major";
        case WARNING -> "minor";
        case INFO -> "info";
      });
      Map<String, Object> loc = new LinkedHashMap<>();
      loc.put("path", f.file().displayName());
      Map<String, Object> lines = new LinkedHashMap<>(); // not Map.of: its order changes from run to run
      lines.put("begin", f.span().line());
      lines.put("end", f.span().endLine());
      loc.put("lines", lines);
      m.put("location", loc);
      list.add(m);
    }
    out.println(Json.write(list));
  }

  private static String md5(String s) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
