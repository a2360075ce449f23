package dev.nginxlint.model;

import java.util.List;

/**
 * The context a tree's top-level directives stand in. A main config starts in MAIN; a snippet
 * checked on its own starts where its directives belong (a file of server blocks in HTTP).
 */
public enum Context {
  MAIN("main", List.of()),
  EVENTS("events", List.of("events")),
  HTTP("http", List.of("http")),
  SERVER("server", List.of("server", "http")),
  LOCATION("location", List.of("location", "server", "http")),
  UPSTREAM("upstream", List.of("upstream", "http")),
  STREAM("stream", List.of("stream")),
  STREAM_SERVER("server", List.of("server", "stream")),
  STREAM_UPSTREAM("upstream", List.of("upstream", "stream")),
  MAIL("mail", List.of("mail")),
  MAIL_SERVER("server", List.of("server", "mail"));

  private final String blockName;
  private final List<String> outerNames;

  Context(String blockName, List<String> innerToOuter) {
    this.blockName = blockName;
    this.outerNames = innerToOuter;
  }

  /** The name of the block this context is (e.g. "server"). */
  public String blockName() { return blockName; }

  /** The enclosing block names, innermost first (empty for MAIN). */
  public List<String> outerNames() { return outerNames; }

  public String label() {
    if (outerNames.isEmpty()) {
      return "main";
    }
    List<String> outside = new java.util.ArrayList<>(outerNames);
    java.util.Collections.reverse(outside);
    return String.join(" > ", outside);
  }
}
