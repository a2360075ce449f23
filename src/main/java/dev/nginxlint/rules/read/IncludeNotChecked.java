package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.ReadRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Diagnostic;

/**
 * An include whose file is not part of what is checked: made on the server at run time
 * (/run, /tmp), rendered from a template at start-up, or outside the checked files. Reported
 * once per file, as information: what it would set is not seen.
 */
@Rule(id = Diagnostic.INCLUDE_NOT_CHECKED, category = Category.INCLUDE, severity = Severity.INFO)
public final class IncludeNotChecked implements ReadRule {}
