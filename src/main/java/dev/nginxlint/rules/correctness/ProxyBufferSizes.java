package dev.nginxlint.rules.correctness;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.BufferSizes;
import dev.nginxlint.rules.support.UnreadIncludes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Buffer sizes of a pass module in a combination nginx refuses when it merges a server's or a
 * location's settings (`proxy_buffer_size 16k;` alone: the default busy size, twice 16k, no
 * longer fits in the default 8 4k buffers). Evaluated with inheritance at every level nginx
 * merges; one finding per combination, at the directive of it written deepest.
 */
@Rule(id = "proxy-buffer-sizes", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.SOMETIMES)
public final class ProxyBufferSizes implements TreeRule {

  /** proxy_, fastcgi_, uwsgi_, scgi_: the modules with these merge checks (grpc has no buffers). */
  private static final List<String> PREFIXES = List.of("proxy", "fastcgi", "uwsgi", "scgi");
  private static final String[] SUFFIXES = {"_buffer_size", "_buffers", "_busy_buffers_size",
      "_temp_file_write_size", "_max_temp_file_size"};

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    for (String p : PREFIXES) {
      String[] names = new String[SUFFIXES.length];
      boolean any = false;
      for (int i = 0; i < names.length; i++) {
        names[i] = p + SUFFIXES[i];
        any |= !ctx.directivesNamed(names[i]).isEmpty();
      }
      // nothing written: nginx's defaults are consistent
      if (!any) {
        continue;
      }
      Set<List<Directive>> seen = new HashSet<>();
      for (Directive level : levels(tree, ctx)) {
        check(p, names, level, ctx, seen);
      }
    }
  }

  /** Where nginx merges http-level location settings: servers, locations, ifs in them, limit_except. */
  private static List<Directive> levels(ConfigTree tree, RuleContext ctx) {
    List<Directive> out = new ArrayList<>();
    // a snippet standing in a server or location is such a level itself (null: the top)
    Context root = tree.rootContext();
    if (root == Context.SERVER || root == Context.LOCATION) {
      out.add(null);
    }
    tree.walk(d -> {
      if (d.hasBlock() && ctx.isHttpContext(d) && (d.name().equals("server") || d.name().equals("location")
          || d.name().equals("if") && d.parent() != null && !d.parent().name().equals("server")
          || d.name().equals("limit_except"))) {
        out.add(d);
      }
    });
    return out;
  }

  private void check(String p, String[] names, Directive level, RuleContext ctx, Set<List<Directive>> seen) {
    Directive[] set = new Directive[names.length];
    for (int i = 0; i < names.length; i++) {
      set[i] = ctx.effectiveIn(level, names[i]);
    }
    // the same combination is one finding, however many levels inherit it
    if (!seen.add(Arrays.asList(set))) {
      return;
    }
    BufferSizes.Values v = values(set);
    // a value nginx cannot read is invalid-argument's business (nginx -t says "invalid value")
    if (v == null) {
      return;
    }
    BufferSizes.Failure failure = BufferSizes.firstFailure(p, v);
    if (failure == null) {
      return;
    }
    Directive anchor = deepest(set);
    if (anchor == null) {
      return;
    }
    // a value taken as nginx's default may be set where this check cannot see: an include that
    // brought nothing in (SWAG's /config/nginx/proxy.conf sets proxy_buffers 32 4k), or the http
    // level of a main configuration that includes this file
    Unseen unseen = anyDefaulted(failure.check(), set) ? unseenSetter(p, level, ctx) : null;
    // an include named for these settings (proxy.conf, fastcgi_buffers.conf) sets them in practice
    if (unseen != null && unseen.namedForThem()) {
      return;
    }
    String message = failure.message() + " (in effect: " + describe(p, set, v) + "): nginx -t fails";
    Fix fix = fix(p, set, v, anchor);
    if (unseen != null) {
      message += ", unless " + unseen.where() + " sets the ones given as defaults here";
      // the main configuration may already make the combination consistent: then the edit
      // changes a working setup (an unread include's own caveat is added by the fix machinery)
      if (fix != null && unseen.mainConfig()) {
        fix = Fix.unsafe(fix.title(), fix.edits());
      }
    }
    ctx.report(this, anchor, message, fix);
  }

  /** True when a value the failed check reads is nginx's default here (no line sets it). */
  private static boolean anyDefaulted(BufferSizes.Check check, Directive[] set) {
    // the buffer count alone decides "at least 2"; the others compare against the larger buffer
    if (set[1] == null) {
      return true;
    }
    return check.reads != null && (set[0] == null || set[Arrays.asList(SUFFIXES).indexOf(check.reads)] == null);
  }

  /** Where values taken as defaults may be set out of sight, and whether that file is named for them. */
  private record Unseen(String where, boolean namedForThem, boolean mainConfig) {}

  /**
   * Where the defaulted values of {@code level}'s combination may be set out of sight: the
   * nearest include from the level outwards that brought nothing in ("FILE" (not read here)), the
   * http level of the main configuration when this file is a snippet of it, or null.
   */
  private static Unseen unseenSetter(String p, Directive level, RuleContext ctx) {
    Directive unread = UnreadIncludes.inBlock(level, ctx);
    if (unread == null && level != null) {
      unread = UnreadIncludes.nearest(level, null, ctx);
    }
    if (unread != null) {
      return new Unseen("\"" + unread.arg(0) + "\" (not read here)", UnreadIncludes.namedFor(unread, p, "buffer"), false);
    }
    return ctx.tree().isMain() ? null : new Unseen("the http level of the main configuration (not checked here)", false, true);
  }

  private static BufferSizes.Values values(Directive[] set) {
    long bufferSize = set[0] == null ? BufferSizes.PAGE : BufferSizes.parse(set[0].arg(0));
    int num = 8;
    long bufSize = BufferSizes.PAGE;
    if (set[1] != null) {
      if (set[1].argCount() != 2) {
        return null;
      }
      long n = BufferSizes.parse(set[1].arg(0));
      if (n < 0 || !set[1].arg(0).chars().allMatch(Character::isDigit) || n > Integer.MAX_VALUE) {
        return null;
      }
      num = (int) n;
      bufSize = BufferSizes.parse(set[1].arg(1));
    }
    long busy = set[2] == null ? -1 : BufferSizes.parse(set[2].arg(0));
    long temp = set[3] == null ? -1 : BufferSizes.parse(set[3].arg(0));
    long max = set[4] == null ? -1 : BufferSizes.parse(set[4].arg(0));
    if (bufferSize < 0 || bufSize < 0 || set[2] != null && busy < 0 || set[3] != null && temp < 0
        || set[4] != null && max < 0) {
      return null;
    }
    return new BufferSizes.Values(bufferSize, num, bufSize, busy, temp, max);
  }

  /** The written directive of the combination standing deepest (the last written on a tie). */
  private static Directive deepest(Directive[] set) {
    Directive best = null;
    int bestDepth = -1;
    for (Directive d : set) {
      if (d == null) {
        continue;
      }
      int depth = 0;
      for (Directive q = d.parent(); q != null; q = q.parent()) {
        depth++;
      }
      if (depth > bestDepth || depth == bestDepth && d.ordinal() > best.ordinal()) {
        best = d;
        bestDepth = depth;
      }
    }
    return best;
  }

  private static String describe(String p, Directive[] set, BufferSizes.Values v) {
    return p + "_buffer_size " + BufferSizes.format(v.bufferSize()) + (set[0] == null ? " (default)" : "")
        + ", " + p + "_buffers " + v.num() + " " + BufferSizes.format(v.bufSize()) + (set[1] == null ? " (default)" : "")
        + ", " + p + "_busy_buffers_size " + BufferSizes.format(v.busyInEffect())
        + (set[2] == null ? " (default: twice the larger buffer)" : "");
  }

  /**
   * Safe (nginx refuses the configuration as it is, so no running behaviour changes): the
   * smallest busy size, or buffer count, that passes. A value written elsewhere is edited
   * where it is; a missing one is added after the combination's deepest line.
   */
  private static Fix fix(String p, Directive[] set, BufferSizes.Values v, Directive anchor) {
    BufferSizes.Values c = BufferSizes.consistent(v);
    if (BufferSizes.firstFailure(p, c) != null) {
      return null; // the temp file sizes fail too: left to the user
    }
    List<TextEdit> edits = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    if (c.num() != v.num()) {
      String line = p + "_buffers " + c.num() + " " + BufferSizes.format(c.bufSize());
      lines.add(line);
      edits.add(set[1] != null ? Edits.replaceArg(set[1], set[1].args().get(0), String.valueOf(c.num()))
          : Edits.insertAfter(anchor, line + ";"));
    }
    if (c.busy() != v.busy()) {
      if (c.busy() < 0) {
        return null;
      }
      String line = p + "_busy_buffers_size " + BufferSizes.format(c.busy());
      lines.add(line);
      edits.add(set[2] != null ? Edits.replaceArg(set[2], set[2].args().get(0), BufferSizes.format(c.busy()))
          : Edits.insertAfter(anchor, line + ";"));
    }
    if (edits.isEmpty()) {
      return null;
    }
    return Fix.safe("set " + String.join(", ", lines), edits);
  }
}
