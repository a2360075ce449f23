package dev.nginxlint.cli;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.fix.Applicability;
import dev.nginxlint.fix.SafeWriter;
import dev.nginxlint.fix.UnifiedDiff;
import dev.nginxlint.fixloop.FixApplier;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.FileSource;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** `check --fix / --unsafe-fixes / --diff / --output-dir`: apply, then write, print or copy. */
final class FixRun {
  private final Io io;
  private final List<String> paths;
  private final PrefixMap prefixes;
  private final Linter linter;
  private final boolean unsafe;
  private final boolean diff;
  private final Path outputDir;
  private boolean printedDiff;
  private dev.nginxlint.include.Excludes excludes = dev.nginxlint.include.Excludes.NONE;

  FixRun(Io io, List<String> paths, PrefixMap prefixes, Linter linter, boolean unsafe, boolean diff, Path outputDir) {
    this.io = io;
    this.paths = paths;
    this.prefixes = prefixes;
    this.linter = linter;
    this.unsafe = unsafe;
    this.diff = diff;
    this.outputDir = outputDir;
  }

  /** Directory inputs skip what {@code e} matches (the config file's exclude:). */
  FixRun excluding(dev.nginxlint.include.Excludes e) {
    this.excludes = e;
    return this;
  }

  private dev.nginxlint.model.Envsubst environment = dev.nginxlint.model.Envsubst.NONE;

  /** Templates are rendered with {@code e} (--env, --env-file). */
  FixRun environment(dev.nginxlint.model.Envsubst e) {
    this.environment = e;
    return this;
  }

  private long maxFileSize = dev.nginxlint.include.ReadLimit.DEFAULT;
  private Parallelism parallelism = Parallelism.fromSystem();

  /** When files are parsed ahead, and big ones lexed, on helper threads. */
  FixRun parallelism(Parallelism p) {
    this.parallelism = p;
    return this;
  }

  /** No file is read past this many bytes (--max-file-size). */
  FixRun maxFileSize(long bytes) {
    this.maxFileSize = bytes;
    return this;
  }

  boolean printedDiff() {
    return printedDiff;
  }

  /** Applies the fixes and returns the findings that remain. */
  Linter.Result execute() {
    if (paths.contains("-")) {
      throw new UserError("fixes are written to files: stdin (-) cannot be fixed; use --diff with files");
    }
    FileSource src = new NioFileSource(io.fs(), io.cwd(), maxFileSize);
    Set<Applicability> allowed = unsafe ? EnumSet.of(Applicability.SAFE, Applicability.UNSAFE)
        : EnumSet.of(Applicability.SAFE);
    FixApplier.Result r = new FixApplier(src, s -> new ConfigLoader(s, prefixes).exclude(excludes).environment(environment).parallelism(parallelism), linter, allowed)
        .run(loader -> {
          try {
            return loader.load(paths);
          } catch (ConfigLoader.InputException e) {
            throw new UserError(e.getMessage());
          }
        });
    for (String p : r.problems()) {
      io.err().println("nginx-lint: " + p);
    }
    if (diff) {
      StringBuilder all = new StringBuilder();
      for (FixApplier.Change c : r.changes().values()) {
        // a/ and b/ prefixes over the written file's path, so `git apply` and `patch -p1` take it
        all.append(UnifiedDiff.diff(slashed(written(c.path())), c.before(), c.after()));
      }
      printedDiff = all.length() > 0;
      // the diff was built one char per byte; print the bytes as they are (a Latin-1 file too)
      try {
        io.writeBytes(UnifiedDiff.bytes(all.toString()));
      } catch (java.io.IOException e) {
        throw new UserError("cannot write the diff: " + e.getMessage());
      }
    } else {
      write(r);
    }
    summary(r);
    return r.last();
  }

  private void write(FixApplier.Result r) {
    for (FixApplier.Change c : r.changes().values()) {
      // a stock file the tree lacks (mime.types, fastcgi_params...) was read from nginx-lint's
      // bundled copy: there is no file of the user's to edit
      if (outputDir == null && !Files.exists(c.path())) {
        io.err().println("nginx-lint: not written: " + c.displayName() + " is not in the checked tree"
            + " (nginx-lint used its stock copy)");
        continue;
      }
      try {
        if (outputDir != null) {
          Path out = io.cwd().resolve(outputDir).resolve(written(c.path())).normalize();
          Files.createDirectories(out.getParent());
          Files.write(out, c.after());
        } else {
          SafeWriter.write(c.path(), c.before(), c.after());
        }
      } catch (IOException e) {
        throw new UserError("cannot write " + c.displayName() + ": " + e.getMessage());
      }
    }
  }

  /**
   * The file that writing {@code p} changes, relative to the current directory (else its
   * absolute path without the root): through a symlink (sites-enabled/x -> ../sites-available/x)
   * the target, as `fix` writes it, because `git apply` treats a link as a link, not a file.
   */
  private Path written(Path p) {
    Path abs = real(p);
    Path cwd = real(io.cwd());
    if (abs.startsWith(cwd) && !abs.equals(cwd)) {
      return cwd.relativize(abs);
    }
    return abs.getRoot() == null ? abs : abs.getRoot().relativize(abs);
  }

  /** Symlinks resolved; as it is when that fails (gone now: writing it fails and says so). */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }

  /** A diff header names files with '/' whatever the platform. */
  private static String slashed(Path rel) {
    StringBuilder b = new StringBuilder();
    for (Path part : rel) {
      b.append(b.length() == 0 ? "" : "/").append(part);
    }
    return b.toString();
  }

  private void summary(FixApplier.Result r) {
    int found = r.first().findings().size();
    int remaining = r.last().findings().size();
    int moreWithUnsafe = 0;
    if (!unsafe) {
      for (Finding f : r.last().findings()) {
        if (f.fix() != null && f.fix().applicability() == Applicability.UNSAFE) {
          moreWithUnsafe++;
        }
      }
    }
    io.err().println("nginx-lint: found " + found + ", " + (diff ? "fixes to apply " : "fixes applied ") + r.applied()
        + ", remaining " + remaining + (moreWithUnsafe > 0 ? ", " + moreWithUnsafe + " more with --unsafe-fixes" : "")
        + (r.changes().isEmpty() ? "" : " (" + r.changes().size() + " file" + (r.changes().size() == 1 ? "" : "s")
        + (diff ? " would change)" : outputDir != null ? " written to " + outputDir + ")" : " changed)")));
    io.err().flush();
  }
}
