package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.ReadRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.Severity;

/** A `# nginx-lint: disable=...` comment that suppressed nothing. */
@Rule(id = "unused-suppression", category = Category.META, severity = Severity.WARNING)
public final class UnusedSuppression implements ReadRule {}
