package dev.nginxlint.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed file: its exact bytes, its statements, and the tokens that print it back.
 * Built once by the parser and never changed afterwards.
 */
public final class SourceFile {
  private final Path path;
  private final String displayName;
  private final byte[] bytes;
  private final LineIndex lines;
  private final List<Statement> statements = new ArrayList<>();
  private final List<SyntaxError> errors = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();
  // set once, with the statements, when the parser is done (it may lex on another thread)
  private int[] tokenStarts;
  private int[] tokenEnds;
  private boolean sealed;
  /** Facts derived from the whole file (e.g. its indentation unit), computed once on demand. */
  private final java.util.concurrent.ConcurrentHashMap<Object, Object> derived =
      new java.util.concurrent.ConcurrentHashMap<>(4);

  public SourceFile(Path path, String displayName, byte[] bytes) {
    this.path = path;
    this.displayName = displayName;
    this.bytes = bytes;
    this.lines = new LineIndex(bytes);
  }

  /** Used by the parser while it builds the file; afterwards the file is read-only. */
  public void add(List<Statement> top, List<SyntaxError> problems, List<Comment> notes, int[] tokenStarts,
      int[] tokenEnds) {
    if (sealed) {
      throw new IllegalStateException("source file already built");
    }
    this.tokenStarts = tokenStarts;
    this.tokenEnds = tokenEnds;
    statements.addAll(top);
    errors.addAll(problems);
    comments.addAll(notes);
    sealed = true;
  }

  /**
   * The byte ranges [start, end) of a template's words whose values were rendered (a
   * placeholder replaced, see {@link Envsubst}): a fix must not rewrite them from their values.
   */
  private final List<int[]> rendered = new ArrayList<>();

  /**
   * Called by the parser for a template word whose value differs from its text; {@code unset}:
   * a placeholder in it has no value given, so its value is not what nginx will read.
   */
  public void markRendered(int start, int end, boolean unset) {
    rendered.add(new int[] {start, end, unset ? 1 : 0});
  }

  /** True when the word is a template's with a placeholder whose value is unknown (see {@link Envsubst}). */
  public boolean holdsUnsetPlaceholder(Arg word) {
    for (int[] r : rendered) {
      if (r[0] == word.start() && r[2] == 1) {
        return true;
      }
    }
    return false;
  }

  /** True when [start, end) touches a rendered word (an insertion at its edge does not). */
  public boolean touchesRendered(int start, int end) {
    for (int[] r : rendered) {
      if (start < r[1] && end > r[0] || start == end && start > r[0] && start < r[1]) {
        return true;
      }
    }
    return false;
  }

  /** Every '#' comment of the file, in order (suppression comments among them). */
  public List<Comment> comments() { return java.util.Collections.unmodifiableList(comments); }

  /** The file's path on the file system it was read from (may be a virtual one for stdin). */
  public Path path() { return path; }
  /** The name findings use: relative to the working directory when under it. */
  public String displayName() { return displayName; }
  public byte[] bytes() { return bytes.clone(); }
  public int size() { return bytes.length; }
  public byte byteAt(int offset) { return bytes[offset]; }
  public LineIndex lines() { return lines; }
  public List<Statement> statements() { return List.copyOf(statements); }
  public List<SyntaxError> errors() { return List.copyOf(errors); }
  /** True when a fatal syntax error cut the parse short, so the tree is incomplete. */
  public boolean hasErrors() {
    for (SyntaxError e : errors) {
      if (e.fatal()) {
        return true;
      }
    }
    return false;
  }

  /** The text of a region, decoded as UTF-8 (for messages; edits work on bytes). */
  public String text(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  /** The text of a region, one char per byte (exact). */
  public String rawText(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /**
   * Prints the file from its token stream: every token, hidden ones included, in order.
   * That this equals {@link #bytes()} is the parser's losslessness guarantee.
   */
  public byte[] print() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
    for (int i = 0; i < tokenStarts.length; i++) {
      out.write(bytes, tokenStarts[i], tokenEnds[i] - tokenStarts[i]);
    }
    return out.toByteArray();
  }

  /**
   * A fact about the whole file, computed by {@code compute} on first use and then cached, so
   * helpers that need it per directive do not rescan the file each time. {@code key} names the
   * fact (one constant per kind); the file never changes, so the value never goes stale.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, java.util.function.Function<SourceFile, T> compute) {
    Object v = derived.get(key);
    if (v == null) {
      v = compute.apply(this);
      Object prev = derived.putIfAbsent(key, v);
      if (prev != null) {
        v = prev;
      }
    }
    return (T) v;
  }

  public int tokenCount() {
    return tokenEnds.length;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
