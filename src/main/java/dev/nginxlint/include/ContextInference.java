package dev.nginxlint.include;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Statement;
import java.util.List;

/**
 * Guesses the context a stand-alone file's top-level directives belong to, from nginx's
 * directive table: the outermost context that admits the most of them (a file of `server`
 * blocks is an http snippet, a file of `location`s a server snippet).
 */
public final class ContextInference {

  /** Candidates in order of preference: outer contexts first. */
  private static final List<Context> ORDER = List.of(
      Context.MAIN, Context.HTTP, Context.SERVER, Context.LOCATION, Context.UPSTREAM,
      Context.STREAM, Context.STREAM_SERVER, Context.STREAM_UPSTREAM, Context.MAIL,
      Context.MAIL_SERVER, Context.EVENTS);

  private ContextInference() {}

  /** The Docker image renders `*.stream-template` into stream-conf.d, included in stream {}. */
  private static final List<Context> STREAM_ORDER = List.of(Context.STREAM, Context.STREAM_SERVER,
      Context.STREAM_UPSTREAM);

  public static Context infer(List<Statement> top) {
    DirectiveTable table = DirectiveTable.get();
    boolean streamTemplate = !top.isEmpty() && top.get(0).file().displayName().endsWith(".stream-template");
    Context best = streamTemplate ? Context.STREAM : Context.HTTP;
    int bestScore = 0;
    boolean simpleOnly = top.stream().noneMatch(Statement::hasBlock);
    for (Context c : streamTemplate ? STREAM_ORDER : ORDER) {
      int score = 0;
      for (Statement s : top) {
        if (s.name().equals("include")) {
          continue;
        }
        if (admits(table, c, s)) {
          score++;
        } else if (c == Context.MAIN && isMainOnly(table, s)) {
          score += 1000;
        }
      }
      // a tie between http, server and location in a file of simple directives only goes to the
      // inner context: fastcgi_params, proxy_params, return/rewrite lines are, in practice,
      // included in a location (a file with blocks - location, types - keeps the outer one)
      if (score > bestScore || (score == bestScore && score > 0 && simpleOnly && isInner(best, c))) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * The contexts a snippet inferred as {@code inferred} could be included in: every candidate
   * that admits each of its top-level directives the table knows (an `if` block alone fits a
   * server and a location). The inferred one is always among them; a main config has only main.
   */
  public static java.util.Set<Context> possible(List<Statement> top, Context inferred) {
    if (inferred == Context.MAIN) {
      return java.util.Set.of(Context.MAIN);
    }
    DirectiveTable table = DirectiveTable.get();
    java.util.Set<Context> out = java.util.EnumSet.of(inferred);
    for (Context c : ORDER) {
      if (c == Context.MAIN || c == inferred) {
        continue;
      }
      boolean all = true;
      boolean any = false;
      for (Statement s : top) {
        // includes and directives of modules the table does not know say nothing of the place
        if (s.name().equals("include") || table.lookup(s.name()).isEmpty()) {
          continue;
        }
        any = true;
        if (!admits(table, c, s)) {
          all = false;
          break;
        }
      }
      if (all && any) {
        out.add(c);
      }
    }
    return out;
  }

  /** True when the table knows one of these top-level directives (an include does not count). */
  public static boolean saysWhere(List<Statement> top) {
    DirectiveTable table = DirectiveTable.get();
    for (Statement s : top) {
      if (!s.name().equals("include") && !table.lookup(s.name()).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInner(Context best, Context c) {
    return (best == Context.HTTP && (c == Context.SERVER || c == Context.LOCATION))
        || (best == Context.SERVER && c == Context.LOCATION);
  }

  private static boolean admits(DirectiveTable table, Context c, Statement s) {
    String tableContext = tableName(c);
    for (DirectiveSpec spec : table.lookup(s.name())) {
      if (spec.block() == s.hasBlock() && spec.allowedIn(tableContext)) {
        return true;
      }
    }
    // directives of modules the table does not know (lua, headers-more...) say nothing
    return false;
  }

  private static boolean isMainOnly(DirectiveTable table, Statement s) {
    List<DirectiveSpec> specs = table.lookup(s.name());
    if (specs.isEmpty()) {
      return false;
    }
    for (DirectiveSpec spec : specs) {
      if (!spec.allowedIn("main")) {
        return false;
      }
    }
    return true;
  }

  /** The context names nginx-directives.tsv uses. */
  public static String tableName(Context c) {
    return switch (c) {
      case MAIN -> "main";
      case EVENTS -> "events";
      case HTTP -> "http";
      case SERVER -> "server";
      case LOCATION -> "location";
      case UPSTREAM -> "upstream";
      case STREAM -> "stream";
      case STREAM_SERVER -> "stream-server";
      case STREAM_UPSTREAM -> "stream-upstream";
      case MAIL -> "mail";
      case MAIL_SERVER -> "mail-server";
    };
  }
}
