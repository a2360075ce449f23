package dev.nginxlint.model;

/** How a word was spelled in the file. */
public enum Quote {
  NONE, DOUBLE, SINGLE,
  /** The body of a *_by_lua_block, handed to its module unprocessed. */
  RAW_BLOCK
}
