package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.ReadRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Diagnostic;

/** An include names a file that is not there (globs that match nothing are fine). */
@Rule(id = Diagnostic.INCLUDE_NOT_FOUND, category = Category.INCLUDE, severity = Severity.ERROR)
public final class IncludeNotFound implements ReadRule {}
