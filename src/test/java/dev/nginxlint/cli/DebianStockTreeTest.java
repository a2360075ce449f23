package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Debian's stock /etc/nginx (nginx-common 1.22.1, in the shared corpus) is a working config
 * that proxies nothing: a check of it reports nothing and exits 0.
 */
class DebianStockTreeTest {

  @Test
  void theStockTreeIsClean() {
    Path tree = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus/debian-nginx-common/etc/nginx")
        .toAbsolutePath().normalize();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
        tree, "check", "--no-config", "--output-format", "concise", ".");
    assertEquals("", out.toString());
    assertEquals(0, code, err.toString());
  }
}
