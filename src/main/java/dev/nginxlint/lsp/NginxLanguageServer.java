package dev.nginxlint.lsp;

import dev.nginxlint.exec.Threads;
import dev.nginxlint.Version;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * `nginx-lint server`: the rules, fixes and directive table over the Language Server Protocol
 * (lsp4j's JSON-RPC on stdio). Open documents live in memory and stand in for their files; each
 * change re-lints after a short quiet time (changes that arrive within it are linted once). All
 * linting, and every request that needs a lint, runs on one worker thread, in order.
 *
 * <p>Over 400 lines: lsp4j wants the protocol's services on one object, which also keeps the
 * open documents, the debounce and the worker; what each answer says is worked out in Analyzer,
 * Diagnostics, CodeActions, Hovers and Completions.
 */
public final class NginxLanguageServer implements LanguageServer, LanguageClientAware, TextDocumentService,
    WorkspaceService {

  /** An open document: the editor's text at a version. */
  private record Doc(String uri, Path path, String text, int version) {}

  private final Map<String, Doc> docs = new ConcurrentHashMap<>();
  /** The last analysis of each open document, and the text version it was made from (worker thread only). */
  private final Map<String, Analyzer.Analysis> analyses = new HashMap<>();
  private final Map<String, Integer> analysedVersion = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  /** Documents whose last analysis may be out of date though their text is not (a file they read changed). */
  private final java.util.Set<String> invalid = ConcurrentHashMap.newKeySet();
  /**
   * Documents whose text changed since their last lint: only their lint re-lints the open files
   * that read them (a re-lint for a dependency's sake must not start another round, or two open
   * files of one tree would re-lint each other for ever).
   */
  private final java.util.Set<String> textChanged = ConcurrentHashMap.newKeySet();
  /**
   * Our one thread (the deep stack is for deeply nested configs). lsp4j reads and writes the
   * streams on threads of its own, which its launcher starts and ends: they run none of our work
   * but handing requests over, so they stay lsp4j's business.
   */
  private final ScheduledExecutorService worker = Threads.serial("nginx-lint-lsp", 1L << 28);
  private final Analyzer analyzer;
  private final SettingsSource settingsSource;
  private final long debounceMillis;
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile boolean shutdown;
  private volatile LanguageClient client;

  public NginxLanguageServer(FileSystem fs, SettingsSource settings, long debounceMillis) {
    this.analyzer = new Analyzer(fs, settings);
    this.settingsSource = settings;
    this.debounceMillis = debounceMillis;
  }

  /**
   * Serves one client on the streams until it exits or closes them: 0 after shutdown then exit,
   * 1 when the client went away without a shutdown (as the protocol asks).
   */
  public static int serve(InputStream in, OutputStream out, FileSystem fs, SettingsSource settings, long debounceMillis) {
    NginxLanguageServer server = new NginxLanguageServer(fs, settings, debounceMillis);
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    java.util.concurrent.Future<Void> listening = launcher.startListening();
    CompletableFuture<Object> ended = CompletableFuture.anyOf(server.exited,
        CompletableFuture.runAsync(() -> {
          try {
            listening.get();
          } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
            // the stream closed or failed: the client is gone
          }
        }, Threads.waiter("nginx-lint-lsp-listening")));
    try {
      ended.get();
    } catch (InterruptedException | ExecutionException e) {
      Thread.currentThread().interrupt();
    }
    server.worker.shutdownNow();
    return server.shutdown ? 0 : 1;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  // ---- lifecycle ----

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ServerCapabilities caps = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActions.FIX_ALL)));
    caps.setHoverProvider(true);
    caps.setDocumentFormattingProvider(true);
    CompletionOptions completion = new CompletionOptions(false, List.of("/", " "));
    caps.setCompletionProvider(completion);
    return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("nginx-lint", Version.VERSION)));
  }

  @Override
  public void initialized(InitializedParams params) {
    // nothing to do: documents arrive with didOpen
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    exited.complete(shutdown ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return this;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return this;
  }

  // ---- documents ----

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var d = params.getTextDocument();
    docs.put(d.getUri(), new Doc(d.getUri(), pathOf(d.getUri()), d.getText(), d.getVersion()));
    textChanged.add(d.getUri());
    schedule(d.getUri(), 0);
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    Doc doc = docs.get(uri);
    if (doc == null) {
      return;
    }
    String text = doc.text();
    for (TextDocumentContentChangeEvent c : params.getContentChanges()) {
      text = apply(text, c);
    }
    docs.put(uri, new Doc(uri, doc.path(), text, params.getTextDocument().getVersion()));
    textChanged.add(uri);
    schedule(uri, debounceMillis);
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // the saved file is now what the other files' trees read from disk too
    for (String uri : docs.keySet()) {
      schedule(uri, debounceMillis);
    }
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    docs.remove(uri);
    ScheduledFuture<?> p = pending.remove(uri);
    if (p != null) {
      p.cancel(false);
    }
    worker.execute(() -> {
      analyses.remove(uri);
      analysedVersion.remove(uri);
      publish(uri, null, List.of());
    });
    // the others read this file from disk again
    for (String other : docs.keySet()) {
      schedule(other, debounceMillis);
    }
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    relintAll();
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    // a .nginx-lint.yml, an included file or an env-file changed on disk: everything open may differ
    for (FileEvent e : params.getChanges()) {
      if (e.getUri() != null) {
        relintAll();
        return;
      }
    }
  }

  private void relintAll() {
    for (String uri : docs.keySet()) {
      schedule(uri, debounceMillis);
    }
  }

  /** Lints a document after {@code delay} ms unless another change comes first (then after that one). */
  private void schedule(String uri, long delay) {
    invalid.add(uri);
    ScheduledFuture<?> next = worker.schedule(() -> lintAndPublish(uri), delay, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = pending.put(uri, next);
    if (old != null) {
      old.cancel(false);
    }
  }

  private void lintAndPublish(String uri) {
    pending.remove(uri);
    boolean changed = textChanged.remove(uri);
    Analyzer.Analysis a = current(uri);
    if (a == null) {
      return;
    }
    Doc doc = docs.get(uri);
    publish(uri, doc == null ? null : doc.version(), Diagnostics.of(a));
    if (!changed) {
      return;
    }
    // another open file of the same tree may read this one's unsaved text
    for (Doc other : docs.values()) {
      Analyzer.Analysis o = analyses.get(other.uri());
      if (!other.uri().equals(uri) && o != null && o.set() != null && doc != null && doc.path() != null
          && reads(o, doc.path()) && !isPending(other.uri())) {
        schedule(other.uri(), debounceMillis);
      }
    }
  }

  /**
   * Whether a lint of {@code uri} is still to run. Not "has an entry": with no delay the worker can
   * run (and finish) the task before schedule() records it, which leaves a done future behind.
   */
  private boolean isPending(String uri) {
    ScheduledFuture<?> p = pending.get(uri);
    return p != null && !p.isDone();
  }

  private static boolean reads(Analyzer.Analysis a, Path path) {
    for (var f : a.set().files()) {
      if (path.equals(f.path())) {
        return true;
      }
    }
    return false;
  }

  /** The document's analysis at its current text (worker thread only): made now when older. */
  private Analyzer.Analysis current(String uri) {
    Doc doc = docs.get(uri);
    if (doc == null) {
      return null;
    }
    boolean outdated = invalid.remove(uri);
    Integer have = analysedVersion.get(uri);
    Analyzer.Analysis a = analyses.get(uri);
    if (a != null && have != null && have == doc.version() && !outdated) {
      return a;
    }
    Map<Path, String> open = new HashMap<>();
    for (Doc d : docs.values()) {
      if (d.path() != null && !d.uri().equals(uri)) {
        open.put(d.path(), d.text());
      }
    }
    a = analyzer.analyze(doc.path(), uri, doc.text(), open);
    analyses.put(uri, a);
    analysedVersion.put(uri, doc.version());
    return a;
  }

  private void publish(String uri, Integer version, List<org.eclipse.lsp4j.Diagnostic> diagnostics) {
    LanguageClient c = client;
    if (c != null) {
      c.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics, version));
    }
  }

  // ---- requests ----

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    return CompletableFuture.supplyAsync(() -> {
      Analyzer.Analysis a = current(uri);
      List<Either<Command, CodeAction>> out = new ArrayList<>();
      if (a == null) {
        return out;
      }
      List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
      if (wants(only, CodeActionKind.QuickFix) && a.problem() == null) {
        int start = Positions.offset(a.file(), params.getRange().getStart());
        int end = Positions.offset(a.file(), params.getRange().getEnd());
        for (CodeAction c : CodeActions.quickFixes(a, uri, start, end)) {
          out.add(Either.forRight(c));
        }
      }
      Doc doc = docs.get(uri);
      if (wants(only, CodeActions.FIX_ALL) && a.problem() == null && doc != null && doc.path() != null
          && hasSafeFix(a)) {
        Map<Path, String> open = new HashMap<>();
        for (Doc d : docs.values()) {
          if (d.path() != null && !d.uri().equals(uri)) {
            open.put(d.path(), d.text());
          }
        }
        CodeAction all = CodeActions.fixAll(analyzer.fixAll(doc.path(), doc.text(), open),
            doc.path().toAbsolutePath().normalize(), uri);
        if (all != null) {
          out.add(Either.forRight(all));
        }
      }
      return out;
    }, worker);
  }

  private static boolean hasSafeFix(Analyzer.Analysis a) {
    for (var f : a.findings()) {
      if (f.fix() != null && f.fix().applicability() == dev.nginxlint.fix.Applicability.SAFE) {
        return true;
      }
    }
    return false;
  }

  /** Whether a code action of {@code kind} is asked for ({@code only} lists kinds or their prefixes). */
  private static boolean wants(List<String> only, String kind) {
    if (only == null || only.isEmpty()) {
      return true;
    }
    for (String o : only) {
      if (kind.equals(o) || kind.startsWith(o + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    String uri = params.getTextDocument().getUri();
    return CompletableFuture.supplyAsync(() -> {
      Analyzer.Analysis a = current(uri);
      return a == null ? null : Hovers.at(a, Positions.offset(a.file(), params.getPosition()));
    }, worker);
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    String uri = params.getTextDocument().getUri();
    return CompletableFuture.supplyAsync(() -> {
      Analyzer.Analysis a = current(uri);
      List<CompletionItem> items = a == null ? List.of()
          : Completions.at(a, Positions.offset(a.file(), params.getPosition()));
      return Either.forLeft(items);
    }, worker);
  }

  /** `nginx-lint format` on the buffer: one edit spanning what changes; none when it cannot be formatted. */
  @Override
  public CompletableFuture<List<? extends org.eclipse.lsp4j.TextEdit>> formatting(
      org.eclipse.lsp4j.DocumentFormattingParams params) {
    String uri = params.getTextDocument().getUri();
    return CompletableFuture.supplyAsync(() -> {
      Doc doc = docs.get(uri);
      if (doc == null) {
        return List.of();
      }
      Path where = doc.path() != null ? doc.path() : Path.of("").toAbsolutePath().resolve("buffer.conf");
      dev.nginxlint.format.Formatter.Style style;
      try {
        style = settingsSource.formatStyle(where);
      } catch (RuntimeException e) {
        showError("nginx-lint: not formatted: " + e.getMessage());
        return List.of();
      }
      dev.nginxlint.format.Formatter.Result r = dev.nginxlint.format.Formatter.format(where, uri,
          doc.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), style);
      if (!r.ok()) {
        // a syntax error (already a diagnostic) or a formatter refusal: the buffer is left as it is
        showError(r.problem());
        return List.of();
      }
      String after = new String(r.formatted(), java.nio.charset.StandardCharsets.UTF_8);
      return after.equals(doc.text()) ? List.of() : List.of(CodeActions.minimalEdit(doc.text(), after));
    }, worker);
  }

  private void showError(String message) {
    LanguageClient c = client;
    if (c != null) {
      c.showMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Warning, message));
    }
  }

  // ---- helpers ----

  private static Path pathOf(String uri) {
    try {
      URI u = URI.create(uri);
      if ("file".equals(u.getScheme())) {
        return Path.of(u).toAbsolutePath().normalize();
      }
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // not a file the disk has: linted as a buffer on its own
    }
    return null;
  }

  /** Applies one change (a range replacement, or the whole text) to a document's text. */
  static String apply(String text, TextDocumentContentChangeEvent c) {
    if (c.getRange() == null) {
      return c.getText();
    }
    int start = index(text, c.getRange().getStart());
    int end = index(text, c.getRange().getEnd());
    return text.substring(0, start) + c.getText() + text.substring(Math.max(start, end));
  }

  /** The char index of a position (UTF-16 columns, as Java strings count), clamped to the text. */
  public static int index(String text, org.eclipse.lsp4j.Position p) {
    int line = 0;
    int i = 0;
    while (line < p.getLine() && i < text.length()) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        return text.length();
      }
      i = nl + 1;
      line++;
    }
    int lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    return Math.min(i + p.getCharacter(), lineEnd);
  }
}
