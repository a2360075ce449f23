package dev.nginxlint.rules.correctness;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.include.ContextInference;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * nginx's generic directive checks (ngx_conf_handler) over the directive table, for one
 * target version: is the name known, does a row accept this context, the terminator and the
 * argument count. Shared by the correctness rules and their tests.
 */
public final class DirectiveCheck {

  /** What nginx says about one directive, most specific first, as ngx_conf_handler orders it. */
  public enum Verdict {
    OK, UNKNOWN, VERSION, NOT_ALLOWED, NOT_TERMINATED, NO_OPENING, ARITY, FLAG_VALUE
  }

  /** The shape of one row at one version: where it may stand, its argument mask, block-ness. */
  public record Shape(DirectiveSpec spec, Set<String> contexts, String mask, boolean block) {
    boolean allowedIn(String ctx) {
      return contexts.contains(ctx) || contexts.contains("any");
    }
  }

  /** The verdict and the row it was decided by (null for UNKNOWN and VERSION). */
  public record Result(Verdict verdict, Shape shape) {}

  /**
   * A name's rows that exist at one version, with their shapes there: the same for every
   * directive of that name, so worked out once per (version, name) rather than per directive
   * (rebuilding shapes from the history strings was a third of the rules' time on big configs).
   */
  private record LiveRows(boolean known, Shape[] shapes, boolean[] onOff, Result[] ok, boolean[] anyContext,
      long[] acceptedCounts) {}

  private static final Map<NginxVersion, Map<String, LiveRows>> LIVE_ROWS = new ConcurrentHashMap<>();

  private static final LiveRows UNKNOWN_NAME = new LiveRows(false, new Shape[0], new boolean[0], new Result[0],
      new boolean[0], new long[0]);

  private static LiveRows liveRows(String name, NginxVersion v) {
    Map<String, LiveRows> atVersion = LIVE_ROWS.get(v);
    if (atVersion == null) {
      atVersion = LIVE_ROWS.computeIfAbsent(v, k -> new ConcurrentHashMap<>());
    }
    LiveRows known = atVersion.get(name);
    if (known != null) {
      return known;
    }
    // unknown names are not cached: a garbage file could bring millions of them
    if (DirectiveTable.get().lookup(name).isEmpty()) {
      return UNKNOWN_NAME;
    }
    return atVersion.computeIfAbsent(name, n -> {
      List<DirectiveSpec> specs = DirectiveTable.get().lookup(n);
      List<Shape> shapes = new ArrayList<>();
      List<Boolean> onOff = new ArrayList<>();
      List<Result> ok = new ArrayList<>();
      for (DirectiveSpec spec : specs) {
        if (existsIn(spec, v)) {
          Shape shape = shapeAt(spec, v);
          shapes.add(shape);
          onOff.add(checksOnOff(shape));
          ok.add(new Result(Verdict.OK, shape));
        }
      }
      // as arrays, with each row's "any" context and accepted argument counts worked out: the
      // verdict reads them for every directive of a tree
      int count = shapes.size();
      boolean[] flags = new boolean[count];
      boolean[] any = new boolean[count];
      long[] accepted = new long[count];
      for (int i = 0; i < count; i++) {
        flags[i] = onOff.get(i);
        any[i] = shapes.get(i).contexts().contains("any");
        accepted[i] = MASKS.computeIfAbsent(shapes.get(i).mask(), DirectiveCheck::acceptedCounts);
      }
      return new LiveRows(!specs.isEmpty(), shapes.toArray(new Shape[0]), flags, ok.toArray(new Result[0]), any,
          accepted);
    });
  }

  private DirectiveCheck() {}

  // ---- versions ----

  /** A table version: "1.25.1", or "1.31.5-dev(HEAD)" for what only the source snapshot has. */
  public static NginxVersion version(String s) {
    NginxVersion v = NginxVersion.leading(s);
    if (v == null) {
      throw new IllegalArgumentException("not an nginx version: \"" + s + "\"");
    }
    return v;
  }

  /** True when the row's (module, directive) exists in nginx {@code v}. */
  public static boolean existsIn(DirectiveSpec s, NginxVersion v) {
    if (!s.since().isEmpty() && v.before(version(s.since()))) {
      return false;
    }
    return s.removedIn().isEmpty() || v.before(version(s.removedIn()));
  }

  /**
   * The row's contexts, mask and block-ness at version {@code v}, from the history column
   * (`version:contexts/args[/BLOCK]` per change). Before the first recorded change the first
   * recorded shape is used (the best the table knows).
   */
  public static Shape shapeAt(DirectiveSpec s, NginxVersion v) {
    String history = s.history();
    if (history.isEmpty()) {
      return new Shape(s, s.contexts(), s.argsMask(), s.block());
    }
    String chosen = null;
    for (String entry : history.split(";")) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        continue;
      }
      NginxVersion at = version(entry.substring(0, colon));
      if (chosen == null || !v.before(at)) {
        chosen = entry.substring(colon + 1);
      }
    }
    if (chosen == null) {
      return new Shape(s, s.contexts(), s.argsMask(), s.block());
    }
    String[] parts = chosen.split("/");
    return new Shape(s, Set.of(parts[0].split(",")), parts.length > 1 ? parts[1] : s.argsMask(),
        parts.length > 2 && parts[2].equals("BLOCK"));
  }

  // ---- the generic checks ----

  /** Argument mask → bit n set when n arguments pass (n ≥ 63 counts as 63): parsed once per mask. */
  private static final Map<String, Long> MASKS = new ConcurrentHashMap<>();

  private static long acceptedCounts(String mask) {
    long bits = 0;
    for (int n = 0; n < 64; n++) {
      boolean ok = false;
      for (String m : mask.split("\\|")) {
        ok |= switch (m) {
          case "ANY" -> true;
          case "1MORE" -> n >= 1;
          case "2MORE" -> n >= 2;
          case "FLAG" -> n == 1;
          case "NOARGS" -> n == 0;
          default -> m.startsWith("TAKE") && n >= 1 && n <= 7 && m.substring(4).indexOf((char) ('0' + n)) >= 0;
        };
      }
      if (ok) {
        bits |= 1L << n;
      }
    }
    return bits;
  }

  /** True when the FLAG handler is nginx's on/off slot (or an SSL wrapper of it). */
  static boolean checksOnOff(Shape s) {
    if (!s.mask().equals("FLAG")) {
      return false;
    }
    String h = s.spec().handler();
    return h.equals("ngx_conf_set_flag_slot") || h.equals("ngx_http_ssl_enable") || h.equals("ngx_mail_ssl_enable")
        || h.isEmpty();
  }

  /**
   * nginx's verdict for a directive named {@code name} in table context {@code ctx} with these
   * arguments, ended by a block or not, in nginx {@code v}.
   */
  public static Result verdict(String name, String ctx, List<String> args, boolean block, NginxVersion v) {
    return verdict(name, ctx, args.size(), null, args.isEmpty() ? null : args.get(0), block, v);
  }

  private static final Result UNKNOWN_RESULT = new Result(Verdict.UNKNOWN, null);
  private static final Result VERSION_RESULT = new Result(Verdict.VERSION, null);
  private static final Result NOT_ALLOWED_RESULT = new Result(Verdict.NOT_ALLOWED, null);

  /**
   * The verdict from what nginx's generic checks look at: the count of arguments and, for on/off
   * flags, the first (read from {@code d} when given, only then: most directives are no flags).
   * Runs once per directive of a tree, so it allocates nothing on the way to OK.
   */
  private static Result verdict(String name, String ctx, int argCount, Directive d, String firstArg, boolean block,
      NginxVersion v) {
    LiveRows rows = liveRows(name, v);
    if (!rows.known()) {
      return UNKNOWN_RESULT;
    }
    if (rows.shapes().length == 0) {
      return VERSION_RESULT;
    }
    // the rows that allow this context, in table order; the first that passes decides, else
    // the first one's complaint is nginx's
    Result first = null;
    Shape[] shapes = rows.shapes();
    for (int i = 0; i < shapes.length; i++) {
      Shape s = shapes[i];
      if (!rows.anyContext()[i] && !s.contexts().contains(ctx)) {
        continue;
      }
      Result r;
      if (s.block() && !block) {
        r = new Result(Verdict.NO_OPENING, s);
      } else if (!s.block() && block) {
        r = new Result(Verdict.NOT_TERMINATED, s);
      } else if ((rows.acceptedCounts()[i] & (1L << Math.min(argCount, 63))) == 0) {
        r = new Result(Verdict.ARITY, s);
      } else if (rows.onOff()[i] && !isOnOff(d != null ? d.arg(0) : firstArg)) {
        r = new Result(Verdict.FLAG_VALUE, s);
      } else {
        return rows.ok()[i];
      }
      if (first == null) {
        first = r;
      }
    }
    return first == null ? NOT_ALLOWED_RESULT : first;
  }

  static boolean isOnOff(String v) {
    return v.equalsIgnoreCase("on") || v.equalsIgnoreCase("off");
  }

  public static Result verdict(Directive d, String ctx, NginxVersion v) {
    return verdict(d.name(), ctx, d.argCount(), d, null, !d.endsWithSemicolon(), v);
  }

  /**
   * The lowest nginx version, above {@code v}, in which the directive would pass, or null: the
   * hint for a placement or count that only a newer nginx accepts.
   */
  public static NginxVersion acceptedFrom(Directive d, String ctx, NginxVersion v) {
    TreeSet<NginxVersion> candidates = new TreeSet<>();
    for (DirectiveSpec s : DirectiveTable.get().lookup(d.name())) {
      if (!s.since().isEmpty()) {
        candidates.add(version(s.since()));
      }
      for (String entry : s.history().split(";")) {
        int colon = entry.indexOf(':');
        if (colon > 0) {
          candidates.add(version(entry.substring(0, colon)));
        }
      }
    }
    for (NginxVersion c : candidates.tailSet(v, false)) {
      if (verdict(d, ctx, c).verdict() == Verdict.OK) {
        return c;
      }
    }
    return null;
  }

  /** " (nginx X accepts it)" when a newer nginx would, else "". */
  static String newerHint(Directive d, String ctx, NginxVersion v) {
    NginxVersion from = acceptedFrom(d, ctx, v);
    return from == null ? "" : " (accepted from nginx " + from + "; the target is " + v + ")";
  }

  // ---- contexts ----

  /**
   * The table context a directive stands in (main, http, server, if-in-location, stream-server...),
   * or null when it stands inside a block whose contents nginx does not read as directives of a
   * known context (a data block, a third-party block, a misplaced block).
   */
  public static String contextOf(Directive d, NginxVersion v) {
    Directive p = d.parent();
    if (p == null) {
      return ContextInference.tableName(d.tree().rootContext());
    }
    if (p.isDataBlock()) {
      return null;
    }
    String outer = contextOf(p, v);
    if (outer == null) {
      return null;
    }
    return opens(p.name(), outer, v);
  }

  /** The context a block named {@code name} standing in {@code outer} opens, or null. */
  public static String opens(String name, String outer, NginxVersion v) {
    for (DirectiveSpec s : DirectiveTable.get().lookup(name)) {
      if (!s.block() || s.opens().isEmpty() || s.opens().endsWith("(custom)")) {
        continue;
      }
      if (!s.allowedIn(outer)) {
        continue;
      }
      if (s.opens().contains("|")) {
        // if: if-in-server in a server, if-in-location in a location
        return switch (outer) {
          case "server" -> "if-in-server";
          case "location" -> "if-in-location";
          default -> null;
        };
      }
      return s.opens();
    }
    return null;
  }
}
