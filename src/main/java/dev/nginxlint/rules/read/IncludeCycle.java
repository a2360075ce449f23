package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.rules.ReadRule;
import dev.nginxlint.rules.Rule;

/** A file includes itself, directly or through others: nginx recurses until it crashes. */
@Rule(id = "include-cycle", category = Category.INCLUDE, severity = Severity.ERROR)
public final class IncludeCycle implements ReadRule {}
