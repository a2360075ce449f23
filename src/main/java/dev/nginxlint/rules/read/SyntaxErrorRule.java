package dev.nginxlint.rules.read;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.rules.ReadRule;
import dev.nginxlint.rules.Rule;

/** nginx cannot tokenize or nest the file; reported by the parser with nginx's words. */
@Rule(id = Diagnostic.SYNTAX_ERROR, category = Category.SYNTAX, severity = Severity.ERROR)
public final class SyntaxErrorRule implements ReadRule {}
