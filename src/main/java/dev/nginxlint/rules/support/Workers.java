package dev.nginxlint.rules.support;

/** nginx's worker defaults that the worker limit rules compare against. */
public final class Workers {

  /** src/event/ngx_event.c: DEFAULT_CONNECTIONS, the worker_connections nginx uses without the directive. */
  public static final int DEFAULT_CONNECTIONS = 512;

  private Workers() {
  }
}
