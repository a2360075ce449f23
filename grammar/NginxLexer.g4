/*
 * nginx's tokenizer (ngx_conf_read_token), transcribed as an ANTLR lexer.
 * The facts and the edge cases (E01..E117) are in ../shared/docs/nginx-lexer.md;
 * grammar/README.md maps every rule below to the behaviour it reproduces.
 *
 * The input is the file's bytes seen as ISO-8859-1 characters (one char per byte),
 * so every byte survives and token offsets are byte offsets.
 * Nothing is skipped: whitespace and comments go to the TRIVIA channel, and what
 * follows a lexical error goes, as one token, to the BROKEN channel. Concatenating
 * all tokens gives back the file byte for byte.
 *
 * What cannot be said declaratively lives in NginxLexerBase: the Lua-aware scan of
 * *_by_lua_block bodies (it needs the directive name) and the stop at the first error.
 */
lexer grammar NginxLexer;

options { superClass = NginxLexerBase; }

channels { TRIVIA, BROKEN }

tokens { LUA_BODY, REST }

// Only space, TAB, CR and LF separate words (§2: form feed, NBSP, BOM are word bytes).
WS       : [ \t\r\n]+ -> channel(TRIVIA) ;

// '#' starts a comment only at token start; it ends at LF only (§2, §4).
COMMENT  : '#' ~[\n]* -> channel(TRIVIA) ;

SEMI     : ';' ;
LBRACE   : '{' ;
// A '}' is a token only at token start; glued to a bare word it is part of the word (§5, E08).
RBRACE   : '}' ;

// Quoted words: opened at token start, closed by the next unescaped matching quote;
// anything else (LF, ';', '{', '}', '#', the other quote) is content (§6).
DQUOTED  : '"' ( '\\' . | ~["\\] )* '"'   -> pushMode(AFTER_QUOTE) ;
SQUOTED  : '\'' ( '\\' . | ~['\\] )* '\'' -> pushMode(AFTER_QUOTE) ;

// A quote that never closes runs to the end of the file; the tree builder reports it
// the way nginx does (E36, E38c). Longest match makes DQUOTED/SQUOTED win when they close.
UNTERMINATED
         : '"'  ( '\\' . | ~["\\] )* '\\'?
         | '\'' ( '\\' . | ~['\\] )* '\\'?
         ;

// Bare words end only at whitespace, ';' or '{' (§5). '\' protects the next byte (E19..E22),
// '${' keeps the '{' in the word only straight after an unescaped '$' (E15..E18, E115).
BARE     : BARE_START BARE_PART* ;

// A lone '\' only at the end of the file: otherwise '\' '$' '{' would lex as '\' then '${',
// and nginx's escaped '$' does not protect the '{' (E115).
fragment BARE_START
         : '\\' .
         | '\\' EOF
         | '$' '{'
         | ~[ \t\r\n;{}"'#\\]
         ;

fragment BARE_PART
         : '\\' .
         | '\\' EOF
         | '$' '{'
         | ~[ \t\r\n;{\\]
         ;

// After a closing quote only whitespace, ';', '{' or ')' may follow (§6, E02..E07, E13, E104).
// ')' then starts a new bare word (E47, E89).
mode AFTER_QUOTE;

AQ_WS     : [ \t\r\n]+        -> type(WS), channel(TRIVIA), popMode ;
AQ_SEMI   : ';'               -> type(SEMI), popMode ;
AQ_LBRACE : '{'               -> type(LBRACE), popMode ;
AQ_PAREN  : ')' BARE_PART*    -> type(BARE), popMode ;
UNEXPECTED_AFTER_QUOTE : .    -> popMode ;
