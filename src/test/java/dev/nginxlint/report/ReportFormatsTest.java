package dev.nginxlint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.nginxlint.Json;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import dev.nginxlint.parse.ConfigParser;
import dev.nginxlint.testsupport.Cli;
import dev.nginxlint.testsupport.Cli.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

/**
 * Every output format on one fixed input, compared byte for byte with the golden files in
 * src/test/resources/golden/report/ (rewrite them with {@code -Dnginxlint.updateGolden=true}),
 * plus the schema and consumer checks of shared/docs/cli-conventions.md section 4.
 *
 * <p>The input is examples/basic plus a syntax error and a file whose path and messages hold
 * characters every format must escape. Only syntax-error, upstream-keepalive and
 * upstream-max-fails run, so other rules' changes do not touch the golden files.
 */
class ReportFormatsTest {

  static final String SPECIAL = "sites-available/we,ird: 50% \"q\" <a&b>.conf";
  static final String[] SELECT = {
    "--no-config", "--nginx-version", "1.24.0", "--select", "syntax-error,upstream-keepalive,upstream-max-fails"
  };
  static final String[] PATHS = {"nginx.conf", "broken.conf", SPECIAL};
  static final boolean UPDATE = Boolean.getBoolean("nginxlint.updateGolden");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  static Path repo() {
    return Path.of(System.getProperty("nginxlint.repo", "")).toAbsolutePath();
  }

  static Path shared() {
    return Path.of(System.getProperty("nginxlint.shared", repo().resolve("../shared").toString())).toAbsolutePath();
  }

  @BeforeAll
  static void workspace() throws IOException {
    Path basic = repo().resolve("examples/basic");
    try (Stream<Path> all = Files.walk(basic)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = work.resolve(basic.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path inputs = repo().resolve("src/test/resources/golden/inputs");
    Files.copy(inputs.resolve("broken.conf"), work.resolve("broken.conf"));
    Files.createDirectories(work.resolve("sites-available"));
    Files.copy(inputs.resolve("special.conf"), work.resolve(SPECIAL));
  }

  static Run run(String... args) {
    return Cli.run(work, args);
  }

  static Run check(String... extra) {
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(List.of(SELECT));
    args.addAll(List.of(extra));
    args.addAll(List.of(PATHS));
    return run(args.toArray(String[]::new));
  }

  static Run format(String name) {
    Run r = check("--output-format", name);
    assertEquals(1, r.code(), "exit code with findings; stderr: " + r.err());
    return r;
  }

  static String goldenName(String format) {
    return switch (format) {
      case "full", "concise", "github" -> "basic." + format + ".txt";
      case "json" -> "basic.json";
      case "json-lines" -> "basic.jsonl";
      case "sarif" -> "basic.sarif";
      default -> "basic." + format + (format.equals("gitlab") ? ".json" : ".xml");
    };
  }

  static void assertGolden(String name, String actual) throws IOException {
    Path golden = repo().resolve("src/test/resources/golden/report").resolve(name);
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(golden)) {
      fail("no golden file " + golden + " (run with -Dnginxlint.updateGolden=true to write it)");
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        name + " differs from its golden file (if the change is intended: -Dnginxlint.updateGolden=true)");
  }

  // --- golden files -----------------------------------------------------------------

  static final List<String> RULES = List.of("syntax-error", "upstream-keepalive", "upstream-max-fails");

  /**
   * The SARIF rule descriptors quote the rules' docs (rules/ID.md), which others edit often: in
   * the golden file those texts are placeholders, and here they must be exactly the docs' text.
   */
  static String maskRuleDocs(String sarif) {
    String s = sarif;
    for (String id : RULES) {
      s = s.replace(": " + quote(RuleText.markdown(id)), ": \"<rules/" + id + ".md>\"");
      s = s.replace(": " + quote(RuleText.fullDescription(id)), ": \"<full description of " + id + ">\"");
      s = s.replace(": " + quote(RuleText.shortDescription(id)), ": \"<short description of " + id + ">\"");
    }
    return s;
  }

  static String quote(String text) {
    StringBuilder sb = new StringBuilder();
    Json.string(sb, text);
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "checkstyle", "junit"})
  void formatMatchesGoldenFile(String format) throws IOException {
    Run r = format(format);
    assertGolden(goldenName(format), format.equals("sarif") ? maskRuleDocs(r.out()) : r.out());
    if (Reporters.isMachine(format)) {
      // stdout is the report alone; the one-line summary goes to stderr
      assertTrue(r.err().matches("nginx-lint: \\d+ findings? in \\d+ files?\\R"), "stderr: " + r.err());
      assertFalse(r.out().contains("nginx-lint:"), r.out());
    } else {
      assertEquals("", r.err());
    }
  }

  @Test
  void everyFormatHasAName() {
    for (String name : Reporters.NAMES) {
      assertNotNull(Reporters.byName(name), name);
    }
    assertEquals(null, Reporters.byName("nope"));
  }

  @Test
  void formatsAreDeterministic() {
    // Map.of iteration order changes between JVMs, not within one; a second run at least
    // catches order that depends on hashing of objects made per run.
    for (String f : Reporters.NAMES) {
      assertEquals(format(f).out(), format(f).out(), f);
    }
  }

  @Test
  void jsonFormatsParse() throws IOException {
    JsonNode json = JSON.readTree(format("json").out());
    assertTrue(json.get("findings").size() > 0);
    assertEquals(json.get("findings").size(), json.get("summary").get("findings").asInt());
    String[] lines = format("json-lines").out().split("\n");
    assertEquals(json.get("findings").size(), lines.length);
    for (int i = 0; i < lines.length; i++) {
      assertEquals(json.get("findings").get(i), JSON.readTree(lines[i]));
    }
  }

  // --- SARIF ---------------------------------------------------------------------------

  static JsonSchema sarifSchema() throws IOException {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(shared().resolve("schemas/sarif-schema-2.1.0.json"))) {
      return factory.getSchema(in, config);
    }
  }

  @Test
  void sarifValidatesAgainstSchema() throws IOException {
    JsonSchema schema = sarifSchema();
    JsonNode sarif = JSON.readTree(format("sarif").out());
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertTrue(errors.isEmpty(), errors.toString());
    // the validator does reject what is not SARIF
    ObjectNode broken = sarif.deepCopy();
    broken.put("version", "2.0.0");
    ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).remove("message");
    assertFalse(schema.validate(broken).isEmpty());
  }

  @Test
  void relatedLocationsInSarifAndJson() throws IOException {
    // one proxy-timeouts-default finding per server names the server's other passes
    Files.writeString(work.resolve("two-passes.conf"), "server {\n    listen 80;\n"
        + "    location / { proxy_pass http://127.0.0.1:8080; }\n"
        + "    location /api/ { proxy_pass http://127.0.0.1:8081; }\n}\n");
    String[] args = {"check", "--no-config", "--select", "proxy-timeouts-default", "--output-format", "", "two-passes.conf"};
    args[5] = "sarif";
    JsonNode sarif = JSON.readTree(run(args).out());
    Set<ValidationMessage> errors = sarifSchema().validate(sarif);
    assertTrue(errors.isEmpty(), errors.toString());
    JsonNode results = sarif.get("runs").get(0).get("results");
    assertEquals(1, results.size());
    JsonNode rel = results.get(0).get("relatedLocations");
    assertEquals(1, rel.size());
    assertEquals(4, rel.get(0).get("physicalLocation").get("region").get("startLine").asInt());
    assertEquals("the same timeouts apply to this proxy_pass in location /api/", rel.get(0).get("message").get("text").asText());
    args[5] = "json";
    JsonNode json = JSON.readTree(run(args).out()).get("findings").get(0);
    assertEquals(4, json.get("related").get(0).get("line").asInt());
    assertEquals("two-passes.conf", json.get("related").get(0).get("file").asText());
    args[5] = "json-lines";
    // the streaming writer and the field map agree on the related part too
    assertEquals(json, JSON.readTree(run(args).out().strip()));
  }

  @Test
  void sarifHasWhatGithubRequires() throws IOException {
    JsonNode sarif = JSON.readTree(format("sarif").out());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertFalse(sarif.get("$schema").asText().isEmpty());
    assertEquals(1, sarif.get("runs").size());
    JsonNode run = sarif.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("nginx-lint", driver.get("name").asText());
    Set<String> ruleIds = new HashSet<>();
    for (JsonNode rule : driver.get("rules")) {
      String id = nonEmpty(rule, "id");
      assertTrue(ruleIds.add(id), "duplicate rule " + id);
      for (String field : List.of("shortDescription", "fullDescription")) {
        String text = nonEmpty(rule.get(field), "text");
        assertTrue(text.length() <= 1024, id + " " + field + " too long");
      }
      nonEmpty(rule.get("help"), "text");
      if (rule.has("name")) {
        assertTrue(rule.get("name").asText().length() <= 255);
      }
    }
    JsonNode results = run.get("results");
    assertTrue(results.size() >= 4, "want findings of all three rules: " + results);
    Set<String> seen = new HashSet<>();
    for (JsonNode res : results) {
      String id = nonEmpty(res, "ruleId");
      seen.add(id);
      assertTrue(ruleIds.contains(id), "result rule " + id + " has no descriptor");
      assertEquals(id, driver.get("rules").get(res.get("ruleIndex").asInt()).get("id").asText());
      nonEmpty(res.get("message"), "text");
      JsonNode loc = res.get("locations").get(0).get("physicalLocation");
      String uri = nonEmpty(loc.get("artifactLocation"), "uri");
      URI parsed = URI.create(uri);
      assertFalse(parsed.isAbsolute(), "relative uri wanted: " + uri);
      assertFalse(uri.startsWith("/"), uri);
      String path = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
      assertTrue(Files.isRegularFile(work.resolve(path)), "uri names no file: " + uri);
      JsonNode region = loc.get("region");
      for (String f : List.of("startLine", "startColumn", "endLine", "endColumn")) {
        assertTrue(region.get(f).isInt() && region.get(f).asInt() >= 1, f + " in " + region);
      }
      int line = region.get("startLine").asInt();
      assertTrue(region.get("endLine").asInt() > line
          || region.get("endColumn").asInt() > region.get("startColumn").asInt(), "empty region " + region);
      String hash = nonEmpty(res.get("partialFingerprints"), "primaryLocationLineHash");
      String text = Files.readString(work.resolve(path), StandardCharsets.UTF_8);
      assertEquals(Fingerprints.lineHashes(text).get(line), hash, "fingerprint of " + path + ":" + line);
    }
    assertEquals(Set.of("syntax-error", "upstream-keepalive", "upstream-max-fails"), seen);
  }

  private static String nonEmpty(JsonNode node, String field) {
    assertNotNull(node, "missing object holding " + field);
    JsonNode v = node.get(field);
    assertNotNull(v, "missing " + field + " in " + node);
    assertFalse(v.asText().isBlank(), "empty " + field + " in " + node);
    return v.asText();
  }

  @Test
  void sarifResolvesSymlinks() throws IOException {
    // GitHub shows no alert on a symlink path (sites-enabled/ -> sites-available/)
    Path link = work.resolve("sites-enabled/app");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of("../conf.d/app.conf"));
    Run r = run("check", "--no-config", "--select", "upstream-keepalive", "--output-format", "sarif", "sites-enabled/app");
    assertEquals(1, r.code(), r.err());
    JsonNode loc = JSON.readTree(r.out()).get("runs").get(0).get("results").get(0).get("locations").get(0);
    assertEquals("conf.d/app.conf", loc.get("physicalLocation").get("artifactLocation").get("uri").asText());
    Files.delete(link);
  }

  @Test
  void sarifUriEncodesTheSpecialPath() {
    assertEquals("sites-available/we%2Cird%3A%2050%25%20%22q%22%20%3Ca%26b%3E.conf", SarifReporter.encodePath(SPECIAL));
    assertEquals("caf%C3%A9/a~b_c-d.conf", SarifReporter.encodePath("café/a~b_c-d.conf"));
  }

  // --- fingerprints (cli-conventions.md 4.1) ---------------------------------------------

  static final String SAMPLE = "# example vhost\n"
      + "server {\n"
      + "    listen 80;\n"
      + "    server_name app.example.com;\n"
      + "    root /var/www/app;\n"
      + "\n"
      + "    server_tokens on;\n"
      + "\n"
      + "    location / {\n"
      + "        try_files $uri $uri/ =404;\n"
      + "    }\n"
      + "}\n";

  @Test
  void fingerprintsMatchGithubVectors() {
    Map<Integer, String> h = Fingerprints.lineHashes(SAMPLE);
    assertEquals("e7b37e8d01e04148:1", h.get(1));
    assertEquals("5c23b3b9c08fc286:1", h.get(7));
    assertEquals("c129715d7a2bc9a3:1", h.get(13)); // the EOF sentinel opens a 13th line
    assertEquals(13, h.size());
    // CRLF and lone CR read as LF; spaces and tabs are skipped
    assertEquals(h, Fingerprints.lineHashes(SAMPLE.replace("\n", "\r\n")));
    assertEquals(h, Fingerprints.lineHashes(SAMPLE.replace("\n", "\r")));
    assertEquals(h, Fingerprints.lineHashes(SAMPLE.replace("    ", "\t")));
  }

  @Test
  void fingerprintsCountRepeats() {
    Map<Integer, String> h = Fingerprints.lineHashes("a\na\na\n");
    // the same text from a line on gives the same hash; ":n" tells repeats apart
    assertTrue(h.get(1).endsWith(":1"));
    assertEquals(4, h.size());
    assertEquals(4, new HashSet<>(h.values()).size());
  }

  // --- XML ------------------------------------------------------------------------------

  static void validateXml(String xsd, String xml) throws SAXException, IOException {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.newSchema(shared().resolve("schemas").resolve(xsd).toFile())
        .newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  @Test
  void checkstyleValidatesAgainstXsd() throws Exception {
    String xml = format("checkstyle").out();
    validateXml("checkstyle-report-1.0.0.xsd", xml);
    assertTrue(xml.contains("severity=\"error\"") && xml.contains("severity=\"warning\""), xml);
  }

  @Test
  void junitValidatesAgainstXsd() throws Exception {
    String xml = format("junit").out();
    // junit-10.xsd (Jenkins) does not declare testcase@file, which GitLab reads, so the report
    // as written is rejected; the same report without it must validate (cli-conventions.md 4.5)
    assertThrows(SAXException.class, () -> validateXml("junit-10.xsd", xml));
    String withoutFile = xml.replaceAll(" file=\"[^\"]*\"", "");
    validateXml("junit-10.xsd", withoutFile);
    // GitLab keeps only the first of duplicate test names: names are unique per suite
    Set<String> names = new HashSet<>();
    var m = java.util.regex.Pattern.compile("<testcase classname=\"([^\"]*)\" name=\"([^\"]*)\"").matcher(xml);
    int n = 0;
    while (m.find()) {
      n++;
      assertTrue(names.add(m.group(1) + "\u0000" + m.group(2)), "duplicate test " + m.group());
    }
    assertTrue(n >= 4);
  }

  // --- GitLab ---------------------------------------------------------------------------

  @Test
  void gitlabHasCodeQualityFieldsAndUniqueFingerprints() throws IOException {
    String out = format("gitlab").out();
    assertTrue(out.startsWith("["), "a JSON array, no BOM");
    JsonNode list = JSON.readTree(out);
    assertTrue(list.isArray() && list.size() >= 4);
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode e : list) {
      nonEmpty(e, "description");
      nonEmpty(e, "check_name");
      assertTrue(fingerprints.add(nonEmpty(e, "fingerprint")), "duplicate fingerprint " + e);
      assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(nonEmpty(e, "severity")));
      String path = nonEmpty(e.get("location"), "path");
      assertFalse(Path.of(path).isAbsolute(), path);
      assertTrue(Files.isRegularFile(work.resolve(path)), path);
      assertTrue(e.get("location").get("lines").get("begin").asInt() >= 1);
    }
    // the two identical-looking server lines of the special file still differ
    assertTrue(fingerprints.size() == list.size());
  }

  // --- GitHub annotations ------------------------------------------------------------------

  @Test
  void githubEscapingMatchesActionsCore() {
    // vectors from cli-conventions.md 4.2, produced by @actions/core 1.11.1
    assertEquals("`server_tokens on` discloses the nginx version.%0ASet `server_tokens off;` in the http{} block (50%25 of sites, a,b:c).",
        GithubReporter.data("`server_tokens on` discloses the nginx version.\nSet `server_tokens off;` in the http{} block (50% of sites, a,b:c)."));
    assertEquals("nginx-lint%3A NGX001%2C security", GithubReporter.property("nginx-lint: NGX001, security"));
    assertEquals("a b/c%2Cd.conf", GithubReporter.property("a b/c,d.conf"));
    assertEquals("a%0Db%0Ac%25%3A%2C", GithubReporter.property("a\rb\nc%:,"));
    assertEquals("a%0Db%0Ac%25:,", GithubReporter.data("a\rb\nc%:,"));
  }

  @Test
  void githubColumnsOnlyOnSingleLineRegions() {
    SourceFile file = ConfigParser.parse(work.resolve("x.conf"), "x.conf", "a {\n  b;\n}\n".getBytes(StandardCharsets.UTF_8));
    Finding multi = new Finding("r", Category.RELIABILITY, Severity.WARNING, "m", file, new Span(0, 11, 1, 1, 3, 2), null);
    Finding single = new Finding("r", Category.RELIABILITY, Severity.INFO, "m", file, new Span(6, 8, 2, 3, 2, 5), null);
    StringWriter sw = new StringWriter();
    new GithubReporter().write(new Linter.Result(List.of(multi, single), List.of(), 1), new PrintWriter(sw, true));
    assertEquals("::warning file=x.conf,line=1,endLine=3,title=nginx-lint r::m\n"
        + "::notice file=x.conf,line=2,endLine=2,col=3,endColumn=5,title=nginx-lint r::m\n", sw.toString());
  }

  // --- CLI: --statistics, -o, exit codes ----------------------------------------------------

  @Test
  void statisticsCountsFindingsPerRule() throws IOException {
    Run r = check("--statistics", "--output-format", "concise");
    assertEquals(1, r.code());
    JsonNode findings = JSON.readTree(format("json").out()).get("findings");
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (JsonNode f : findings) {
      counts.merge(f.get("rule").asText(), 1, Integer::sum);
    }
    StringBuilder want = new StringBuilder();
    counts.forEach((rule, n) -> want.append(String.format("%6d  %s%n", n, rule)));
    assertEquals(want.toString(), r.out());
    assertEquals("", r.err());
  }

  @Test
  void outputFileGetsTheReportAndStderrTheSummary() throws IOException {
    String stdoutReport = format("sarif").out();
    Path report = work.resolve("out/report.sarif");
    Files.createDirectories(report.getParent());
    Run r = check("--output-format", "sarif", "-o", "out/report.sarif");
    assertEquals(1, r.code());
    assertEquals("", r.out());
    assertEquals(stdoutReport, Files.readString(report, StandardCharsets.UTF_8));
    assertTrue(r.err().matches("nginx-lint: \\d+ findings in \\d+ files \\(report: out/report\\.sarif\\)\\R"), r.err());
    // a human format written to a file also says so on stderr, once
    Run c = check("--output-format", "concise", "--output-file", "out/report.txt", "--exit-zero");
    assertEquals(0, c.code());
    assertEquals("", c.out());
    assertEquals(format("concise").out(), Files.readString(work.resolve("out/report.txt"), StandardCharsets.UTF_8));
    assertEquals(1, c.err().lines().count(), c.err());
  }

  @Test
  void exitZeroStillWritesTheReport() {
    Run r = check("--output-format", "github", "--exit-zero");
    assertEquals(0, r.code());
    assertEquals(format("github").out(), r.out());
  }

  @Test
  void noFindingsGiveEmptyButValidReports() throws Exception {
    Run r = run("check", "--no-config", "--select", "upstream-keepalive", "--output-format", "sarif", "mime.types");
    assertEquals(0, r.code(), r.err());
    assertTrue(sarifSchema().validate(JSON.readTree(r.out())).isEmpty());
    Run j = run("check", "--no-config", "--select", "upstream-keepalive", "--output-format", "junit", "mime.types");
    validateXml("junit-10.xsd", j.out());
    Run c = run("check", "--no-config", "--select", "upstream-keepalive", "--output-format", "checkstyle", "mime.types");
    validateXml("checkstyle-report-1.0.0.xsd", c.out());
    assertEquals("[]\n", run("check", "--no-config", "--select", "upstream-keepalive", "--output-format", "gitlab", "mime.types").out());
    assertEquals("", run("check", "--no-config", "--select", "upstream-keepalive", "--output-format", "github", "mime.types").out());
  }
  /** The json format writes each finding by hand, as the generic writer would write its fields. */
  @Test
  void jsonFindingsAreWrittenAsTheGenericWriterWritesTheirFields() throws Exception {
    List<String> differ = new ArrayList<>();
    int findings = 0;
    Path corpus = shared().resolve("corpus");
    List<Path> inputs = new ArrayList<>(List.of(repo().resolve("examples/basic/nginx.conf"), work.resolve(SPECIAL)));
    try (Stream<Path> all = Files.walk(corpus)) {
      all.filter(p -> p.toString().endsWith(".conf")).sorted().limit(300).forEach(inputs::add);
    }
    for (Path file : inputs) {
      var src = new dev.nginxlint.include.NioFileSource(java.nio.file.FileSystems.getDefault(), file.getParent());
      var set = new dev.nginxlint.include.ConfigLoader(src, new dev.nginxlint.include.PrefixMap())
          .load(List.of(file.toString()));
      for (var f : new dev.nginxlint.lint.Linter(new dev.nginxlint.lint.Settings(), dev.nginxlint.rules.RuleRegistry.rules()).run(set).findings()) {
        StringBuilder byHand = new StringBuilder();
        JsonReporter.finding(byHand, f);
        StringBuilder generic = new StringBuilder();
        Json.writeTo(generic, FindingFields.of(f), 2);
        findings++;
        if (!byHand.toString().equals(generic.toString()) && differ.size() < 5) {
          differ.add(file + ": " + byHand + " <> " + generic);
        }
      }
    }
    assertTrue(findings > 100, "findings compared: " + findings);
    assertEquals(List.of(), differ);
  }
  /** A big report (thousands of findings, rendered in two halves at once) is the generic document. */
  @Test
  void bigJsonReportIsTheGenericDocument() throws Exception {
    StringBuilder conf = new StringBuilder("events {}\nhttp {\n  upstream app { server 127.0.0.1:30001; }\n");
    for (int i = 0; i < 800; i++) {
      conf.append("  server { listen 127.0.0.1:").append(20000 + i % 100).append("; server_name s").append(i)
          .append(".test; location / { proxy_pass http://app; } }\n");
    }
    conf.append("}\n");
    Path file = work.resolve("big-report.conf");
    Files.writeString(file, conf);
    var src = new dev.nginxlint.include.NioFileSource(java.nio.file.FileSystems.getDefault(), work);
    var set = new dev.nginxlint.include.ConfigLoader(src, new dev.nginxlint.include.PrefixMap())
        .load(List.of(file.toString()));
    var result = new dev.nginxlint.lint.Linter(new dev.nginxlint.lint.Settings(), dev.nginxlint.rules.RuleRegistry.rules()).run(set);
    // (800 servers inheriting the default timeouts from http are one proxy-timeouts-default finding)
    assertTrue(result.findings().size() > 1500, "findings: " + result.findings().size());
    StringWriter streamed = new StringWriter();
    PrintWriter w = new PrintWriter(streamed);
    new JsonReporter().write(result, w);
    w.flush();
    java.util.Map<String, Object> root = new java.util.LinkedHashMap<>();
    root.put("version", dev.nginxlint.Version.VERSION);
    List<Object> list = new ArrayList<>();
    for (var f : result.findings()) {
      list.add(FindingFields.of(f));
    }
    root.put("findings", list);
    java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
    summary.put("files", result.files());
    summary.put("findings", result.findings().size());
    root.put("summary", summary);
    assertEquals(Json.write(root) + System.lineSeparator(), streamed.toString());
  }
}
