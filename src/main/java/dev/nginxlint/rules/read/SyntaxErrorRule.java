package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.ReadRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Diagnostic;

/** nginx cannot tokenize or nest the file; reported by the parser with nginx's words. */
@Rule(id = Diagnostic.SYNTAX_ERROR, category = Category.SYNTAX, severity = Severity.ERROR)
public final class SyntaxErrorRule implements ReadRule {}
