package dev.nginxlint.fixloop;

import dev.nginxlint.fix.Applicability;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.FileSource;
import dev.nginxlint.include.OverlayFileSource;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.parse.ConfigParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fix loop, a layer of its own above {@code lint} and {@code fix}: it drives the loader and
 * the linter, and the findings' edits ({@code fix}) sit below the linter that reports them.
 * Applies fixes the way Ruff does: keep the fixes of the allowed applicability, take them in
 * order, make an edit that several fixes share once, skip any fix that overlaps one already taken, apply, re-read, re-lint, repeat until nothing
 * changes (at most {@link #MAX_ROUNDS} rounds). A round that would make a readable file
 * unreadable is dropped for that file and reported. Nothing is written here: the result is the
 * new bytes of each changed file.
 */
public final class FixApplier {

  public static final int MAX_ROUNDS = 10;

  /** The outcome: new contents by file identity, and what happened. */
  public record Result(Map<Path, Change> changes, int applied, List<String> problems,
      Linter.Result first, Linter.Result last) {}

  /** One changed file: where it is, how findings name it, its original and new bytes. */
  public record Change(Path path, String displayName, byte[] before, byte[] after) {}

  private final FileSource source;
  private final Function<FileSource, ConfigLoader> loaderFactory;
  private final Linter linter;
  private final Set<Applicability> allowed;

  public FixApplier(FileSource source, Function<FileSource, ConfigLoader> loaderFactory, Linter linter,
      Set<Applicability> allowed) {
    this.source = source;
    this.loaderFactory = loaderFactory;
    this.linter = linter;
    this.allowed = allowed;
  }

  /** Runs the rounds over the inputs the loader is given by {@code load}. */
  public Result run(Function<ConfigLoader, ConfigSet> load) {
    Map<Path, byte[]> overlay = new LinkedHashMap<>();
    Map<Path, Change> changes = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    int applied = 0;
    Linter.Result result = null;
    Linter.Result first = null;
    for (int round = 0; round <= MAX_ROUNDS; round++) {
      ConfigSet set = load.apply(loaderFactory.apply(new OverlayFileSource(source, overlay)));
      result = linter.run(set);
      if (first == null) {
        first = result;
      }
      if (round == MAX_ROUNDS) {
        problems.add("fixes did not settle after " + MAX_ROUNDS + " rounds; the last round's findings are shown");
        break;
      }
      Map<SourceFile, List<TextEdit>> byFile = new LinkedHashMap<>();
      List<TextEdit> taken = new ArrayList<>();
      int takenFixes = 0;
      List<Finding> fixable = new ArrayList<>(result.findings());
      fixable.removeIf(f -> f.fix() == null || !allowed.contains(f.fix().applicability()) || f.fix().edits().isEmpty()
          || rewritesPlaceholder(f.fix()));
      fixable.sort(Comparator.comparing((Finding f) -> f.fix().edits().get(0).file().displayName())
          .thenComparingInt(f -> f.fix().edits().get(0).start()));
      for (Finding f : fixable) {
        // an edit another finding's fix already makes (the same line for two passes of one
        // location, one http value for many servers) is made once: any finding may carry its
        // whole fix
        List<TextEdit> fresh = new ArrayList<>(f.fix().edits().size());
        for (TextEdit e : f.fix().edits()) {
          if (!containsSame(taken, e) && !containsSame(fresh, e)) {
            fresh.add(e);
          }
        }
        if (conflicts(fresh, taken)) {
          continue; // the next round sees the new text and fixes it then
        }
        taken.addAll(fresh);
        takenFixes++;
        for (TextEdit e : fresh) {
          byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
        }
      }
      if (byFile.isEmpty()) {
        break;
      }
      boolean changed = false;
      for (Map.Entry<SourceFile, List<TextEdit>> e : byFile.entrySet()) {
        SourceFile file = e.getKey();
        byte[] now = file.bytes();
        byte[] next = apply(now, e.getValue());
        if (java.util.Arrays.equals(now, next)) {
          continue;
        }
        SourceFile reparsed = ConfigParser.parse(file.path(), file.displayName(), next);
        if (!file.hasErrors() && reparsed.hasErrors()) {
          problems.add(file.displayName() + ": a fix would make the file unreadable by nginx ("
              + reparsed.errors().get(0).message() + "); the file was left as it was");
          continue;
        }
        Path id = source.identity(file.path());
        overlay.put(id, next);
        Change old = changes.get(id);
        byte[] original = old != null ? old.before() : readOriginal(file);
        changes.put(id, new Change(file.path(), file.displayName(), original, next));
        changed = true;
      }
      if (!changed) {
        break;
      }
      applied += takenFixes;
      // the loop goes on: the next round re-reads and re-lints the new text
    }
    // drop files whose fixes cancelled out
    changes.values().removeIf(c -> java.util.Arrays.equals(c.before(), c.after()));
    return new Result(changes, applied, problems, first, result);
  }

  private byte[] readOriginal(SourceFile file) {
    try {
      return source.read(file.path());
    } catch (java.io.IOException e) {
      return file.bytes();
    }
  }

  /** True when {@code edits} holds an edit making the same change as {@code e}. */
  private static boolean containsSame(List<TextEdit> edits, TextEdit e) {
    for (TextEdit t : edits) {
      if (t.file() == e.file() && t.start() == e.start() && t.end() == e.end()
          && t.replacement().equals(e.replacement())) {
        return true;
      }
    }
    return false;
  }

  private static boolean conflicts(List<TextEdit> edits, List<TextEdit> taken) {
    for (TextEdit a : edits) {
      for (TextEdit b : taken) {
        if (a.overlaps(b)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Applies non-overlapping edits (any order given) to bytes. Insertions at one offset keep their order. */
  public static byte[] apply(byte[] bytes, List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
    int pos = 0;
    for (TextEdit e : sorted) {
      if (e.start() < pos) {
        continue; // overlapping: skipped (the caller filtered these already)
      }
      out.write(bytes, pos, e.start() - pos);
      byte[] r = e.replacement().getBytes(StandardCharsets.UTF_8);
      out.write(r, 0, r.length);
      pos = e.end();
    }
    out.write(bytes, pos, bytes.length - pos);
    return out.toByteArray();
  }

  /**
   * True when a fix would rewrite a template word that holds a placeholder: the fix was made
   * from the rendered value (a placeholder's name or its --env value), and writing that back
   * would replace the deployer's ${NAME} with it.
   */
  private static boolean rewritesPlaceholder(Fix fix) {
    for (TextEdit e : fix.edits()) {
      if (e.file().touchesRendered(e.start(), e.end())) {
        return true;
      }
    }
    return false;
  }
}
