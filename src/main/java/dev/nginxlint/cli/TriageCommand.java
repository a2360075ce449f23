package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.rules.RuleRegistry;
import dev.nginxlint.triage.ConfigMapper;
import dev.nginxlint.triage.GroupAccumulator;
import dev.nginxlint.triage.HostFacts;
import dev.nginxlint.triage.LogReader;
import dev.nginxlint.triage.TimeWindow;
import dev.nginxlint.triage.TriageReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "triage", description = "Group nginx error-log lines (502 causes) and tie them to the configuration.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no error groups found", "1:groups reported", "2:usage, I/O or internal error"})
final class TriageCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "ERROR_LOG",
      description = "Error logs, plain or gzip (rotated); - or none reads stdin. php-fpm's log may be given beside "
          + "nginx's: its pool lines (pm.max_children reached) are told apart by their format.")
  List<String> logs = new ArrayList<>();

  @Option(names = "--config", paramLabel = "PATH",
      description = "The nginx configuration (file or directory) to tie the groups to, linted as `check` does.")
  String config;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only lines at or after TIME: 2026/11/23 15:04:05, ISO-8601, or an age like 30m, 2h, 1d.")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Only lines at or before TIME (same forms).")
  String until;

  @Option(names = "--output-format", paramLabel = "FORMAT", description = "text (default) or json.")
  String format = "text";

  @Option(names = "--host-facts", negatable = true,
      description = "Add facts read from this machine's /proc (TIME-WAIT and CLOSE-WAIT per destination, port "
          + "range, listen-queue overflows, somaxconn, nginx workers' open-file limit). Off by default: the log may "
          + "come from another machine.")
  boolean hostFacts;

  @Option(names = "--max-groups", paramLabel = "N", description = "Distinct groups kept (default 100); the rest go to \"other\".")
  int maxGroups = 100;

  @Option(names = "--nginx-version", paramLabel = "X.Y.Z|auto", description = "Target nginx for the lint (as for check).")
  String nginxVersion;

  @Option(names = "--prefix", paramLabel = "FROM=TO", description = "Read absolute config paths under FROM from TO.")
  List<String> prefixes = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors.")
  boolean verbose;

  private final Io io;

  TriageCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserError("--output-format: unknown format \"" + format + "\" (text, json)");
    }
    if (maxGroups < 1) {
      throw new UserError("--max-groups must be at least 1");
    }
    LocalDateTime now = LocalDateTime.now();
    ZoneId zone = ZoneId.systemDefault();
    TimeWindow window;
    try {
      window = new TimeWindow(since == null ? Long.MIN_VALUE : TimeWindow.parse(since, now, zone),
          until == null ? Long.MAX_VALUE : TimeWindow.parse(until, now, zone));
    } catch (IllegalArgumentException e) {
      throw new UserError((since != null ? "--since/--until: " : "--until: ") + e.getMessage());
    }
    // the config first: a bad --config fails before a long log is read
    ConfigSet set = null;
    Linter.Result lint = null;
    if (config != null) {
      PrefixMap prefixMap = new PrefixMap();
      Settings settings = settings(prefixMap);
      set = Inputs.load(io, List.of(config), null, prefixMap, dev.nginxlint.include.Excludes.NONE, settings.environment(),
          settings.maxFileSize());
      lint = new Linter(settings, RuleRegistry.rules()).parallelism(dev.nginxlint.exec.Parallelism.fromSystem()).run(set);
    }
    GroupAccumulator acc = new GroupAccumulator(maxGroups, window);
    List<String> notes = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<String> names = logs.isEmpty() ? List.of("-") : logs;
    for (String name : names) {
      sources.add(name.equals("-") ? "stdin" : name);
      String note;
      try (InputStream in = name.equals("-") ? io.in() : Files.newInputStream(io.cwd().resolve(name))) {
        note = LogReader.read(in, acc::accept);
      } catch (NoSuchFileException e) {
        throw new UserError("cannot read " + name + ": No such file or directory");
      } catch (AccessDeniedException e) {
        throw new UserError("cannot read " + name + ": Permission denied");
      } catch (IOException e) {
        throw new UserError("cannot read " + (name.equals("-") ? "standard input" : name) + ": " + e.getMessage());
      }
      if (note != null) {
        notes.add(sources.get(sources.size() - 1) + ": " + note);
      }
    }
    Map<GroupAccumulator.Group, ConfigMapper.Mapping> mappings = new LinkedHashMap<>();
    Integer workerConnections = null;
    if (set != null) {
      if (!lint.failures().isEmpty()) {
        notes.add("some lint rules failed internally; findings may be missing (run `nginx-lint check` for details)");
      }
      if (set.trees().stream().anyMatch(t -> t.hasSyntaxErrors())) {
        notes.add("the configuration has syntax errors: parts of it are not tied to the log (see `nginx-lint check "
            + config + "`)");
      }
      ConfigMapper mapper = new ConfigMapper(set, lint.findings(), config);
      for (GroupAccumulator.Group g : acc.groups()) {
        mappings.put(g, mapper.map(g));
      }
      workerConnections = ConfigMapper.workerConnections(set);
    }
    HostFacts.Facts facts = hostFacts ? HostFacts.read(io.fs().getPath("/proc")) : null;
    TriageReport.Result result = new TriageReport.Result(acc, sources, mappings, facts, workerConnections, notes);
    if (format.equals("json")) {
      TriageReport.json(result, io.out());
    } else {
      TriageReport.text(result, io.out());
    }
    io.out().flush();
    return acc.groups().isEmpty() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }

  /** As check builds them: the .nginx-lint.yml found from the config, then the options given here. */
  private Settings settings(PrefixMap prefixMap) {
    CommonOptions options = new CommonOptions();
    options.nginxVersion = nginxVersion;
    options.prefixes.addAll(prefixes);
    return options.settings(io.cwd().resolve(config), prefixMap);
  }
}
