package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.rules.ReadRule;
import dev.nginxlint.rules.Rule;

/** A `# nginx-lint: disable=...` comment that suppressed nothing. */
@Rule(id = "unused-suppression", category = Category.META, severity = Severity.WARNING)
public final class UnusedSuppression implements ReadRule {}
