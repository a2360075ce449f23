/*
 * nginx's statement reader (ngx_conf_parse), as a flat grammar.
 *
 * nginx reads a configuration as a sequence of statements, each a list of words ended
 * by ';' (simple directive), '{' (block start) or '}' (block end, only with no words).
 * Nesting is not grammar here: the tree builder (dev.nginxlint.parse.TreeBuilder) keeps
 * an explicit stack, so 100,000 nested blocks cannot overflow the Java stack, and every
 * error gets nginx's own wording and an exact position instead of ANTLR's recovery text.
 *
 * The grammar accepts every token sequence, so it never reports an error itself. It is the
 * specification of what TreeBuilder reads: because it is this flat, TreeBuilder reads the
 * lexer's tokens directly in one pass (no parse tree is built or kept); the build makes no
 * parser from this file (pom.xml excludes it).
 */
parser grammar NginxParser;

options { tokenVocab = NginxLexer; }

config     : statement* trailing=words EOF ;

statement  : words ( SEMI | LBRACE LUA_BODY? | RBRACE ) ;

words      : word* ;

word       : BARE | DQUOTED | SQUOTED | UNTERMINATED ;
