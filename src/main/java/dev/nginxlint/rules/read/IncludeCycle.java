package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.ReadRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Diagnostic;

/** A file includes itself, directly or through others: nginx recurses until it crashes. */
@Rule(id = Diagnostic.INCLUDE_CYCLE, category = Category.INCLUDE, severity = Severity.ERROR)
public final class IncludeCycle implements ReadRule {}
