package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.RealNginx;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: triage's advice for `upstream sent too big header` is a buffer set real nginx
 * accepts (raising proxy_buffer_size alone does not pass nginx -t), the one proxy-buffer-sizes'
 * fix writes.
 */
class TooBigHeaderAdviceTest {

  private static String config(String lines) {
    return "events {}\nhttp {\n    " + lines + "\n    server {\n        listen 127.0.0.1:18320;\n"
        + "        location / { proxy_pass http://127.0.0.1:18321; }\n    }\n}\n";
  }

  @Test
  void theAdvisedSetPassesNginxT() {
    String set = SignatureCatalog.biggerHeaderSet("proxy", 16 * 1024);
    assertEquals("proxy_buffer_size 16k; proxy_busy_buffers_size 28k;", set);
    RealNginx.requireOrSkip();
    assertFalse(RealNginx.testText(config("proxy_buffer_size 16k;"), false).ok(), "16k alone is refused");
    for (long kb : new long[] {8, 16, 32, 64, 128}) {
      String s = SignatureCatalog.biggerHeaderSet("proxy", kb * 1024);
      RealNginx.Result r = RealNginx.testText(config(s), false);
      assertTrue(r.ok(), s + "\n" + r.output());
    }
  }
}
