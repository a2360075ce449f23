package dev.nginxlint.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the official Docker image's envsubst step does to a template
 * (docker-nginx `entrypoint/20-envsubst-on-templates.sh`: every `*.template` under
 * /etc/nginx/templates becomes a file of /etc/nginx/conf.d, `*.stream-template` one of
 * stream-conf.d). It runs `envsubst "$defined_envs"`: only `$NAME` and `${NAME}` whose NAME is
 * an environment variable defined in the container (and matches the regex
 * NGINX_ENVSUBST_FILTER, when set) are replaced; every other `$word` is left as it is.
 *
 * <p>nginx-lint checks a template by its analysis values: a name given with --env/--env-file
 * becomes its value; without a value, a placeholder (`${NAME}` or `$NAME` in upper case) becomes
 * the bare NAME, a literal word standing for the host, port or path it will be, never an nginx
 * variable. When an environment was given ({@link #declared}), envsubst's own rule applies to
 * the rest: a placeholder with no value stays `${NAME}`, which nginx then reads as a variable.
 * Spans never change: only the values rules read do.
 */
public final class Envsubst {

  /** No environment given: placeholders stand for themselves. */
  public static final Envsubst NONE = new Envsubst(Map.of(), false);

  /**
   * Environment variables the official image's containers always define (Dockerfile ENV lines
   * and the runtime's own): envsubst replaces them too.
   */
  public static final java.util.Set<String> IMAGE_ENV = java.util.Set.of("PATH", "HOME", "HOSTNAME",
      "NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE", "ACME_VERSION",
      "OTEL_VERSION");

  private final Map<String, String> env;
  private final boolean declared;
  private final Pattern filter;

  private Envsubst(Map<String, String> env, boolean declared) {
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.declared = declared;
    String f = env.get("NGINX_ENVSUBST_FILTER");
    Pattern p = null;
    if (f != null && !f.isEmpty()) {
      try {
        p = Pattern.compile(f);
      } catch (PatternSyntaxException e) {
        // awk would reject it too; then nothing is filtered out here
        p = null;
      }
    }
    this.filter = p;
  }

  /** The environment given with --env / --env-file (in that order, later wins). */
  public static Envsubst of(Map<String, String> env) {
    return env.isEmpty() ? NONE : new Envsubst(env, true);
  }

  /** True when the user gave an environment: it is then taken as the container's whole. */
  public boolean declared() {
    return declared;
  }

  public Map<String, String> env() {
    return env;
  }

  /** True for the file names the image renders: `*.template` and `*.stream-template`. */
  public static boolean isTemplateName(String name) {
    return name != null && (name.endsWith(".template") || name.endsWith(".stream-template"));
  }

  public static boolean isTemplate(SourceFile file) {
    return isTemplateName(file.displayName()) || file.path() != null
        && isTemplateName(String.valueOf(file.path().getFileName()));
  }

  /** True when envsubst replaces NAME: it is defined (given, or always in the image) and passes the filter. */
  public boolean substitutes(String name) {
    if (!env.containsKey(name) && !IMAGE_ENV.contains(name)) {
      return false;
    }
    return filter == null || filter.matcher(name).find();
  }

  /** A placeholder by its spelling: `${NAME}`, or a name in upper case (no nginx variable is). */
  public static boolean isPlaceholder(String name, boolean braced) {
    boolean letter = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return false;
      }
      letter |= c >= 'A' && c <= 'Z';
    }
    return letter || braced && !name.isEmpty();
  }

  /** A word's value as the rules see it in a template (see the class comment). */
  public String render(String value) {
    int i = value.indexOf('$');
    if (i < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int from = 0;
    while (i >= 0) {
      int[] ref = reference(value, i);
      if (ref == null) {
        i = value.indexOf('$', i + 1);
        continue;
      }
      String name = value.substring(ref[0], ref[1]);
      boolean braced = value.charAt(i + 1) == '{';
      String replacement = null;
      if (substitutes(name)) {
        replacement = env.getOrDefault(name, name);
      } else if (!declared && isPlaceholder(name, braced)) {
        replacement = name;
      }
      if (replacement != null) {
        out.append(value, from, i).append(replacement);
        from = ref[2];
      }
      i = value.indexOf('$', ref[2]);
    }
    return from == 0 ? value : out.append(value, from, value.length()).toString();
  }

  /** True when the value holds a placeholder that {@link #render} turns into its bare name (no value known). */
  public boolean leavesUnset(String value) {
    for (int i = value.indexOf('$'); i >= 0; i = value.indexOf('$', i + 1)) {
      int[] ref = reference(value, i);
      if (ref == null) {
        continue;
      }
      String name = value.substring(ref[0], ref[1]);
      boolean braced = value.charAt(i + 1) == '{';
      if (substitutes(name) ? !env.containsKey(name) : !declared && isPlaceholder(name, braced)) {
        return true;
      }
    }
    return false;
  }

  /** `$NAME` or `${NAME}` at i as envsubst reads it: {nameStart, nameEnd, next}, or null. */
  public static int[] reference(String s, int i) {
    if (i + 1 >= s.length()) {
      return null;
    }
    boolean braced = s.charAt(i + 1) == '{';
    int start = braced ? i + 2 : i + 1;
    if (start >= s.length() || !(Character.isLetter(s.charAt(start)) && s.charAt(start) < 0x80 || s.charAt(start) == '_')) {
      return null;
    }
    int end = start + 1;
    while (end < s.length() && (s.charAt(end) == '_' || s.charAt(end) < 0x80 && Character.isLetterOrDigit(s.charAt(end)))) {
      end++;
    }
    if (braced) {
      return end < s.length() && s.charAt(end) == '}' ? new int[] {start, end, end + 1} : null;
    }
    return new int[] {start, end, end};
  }
}
