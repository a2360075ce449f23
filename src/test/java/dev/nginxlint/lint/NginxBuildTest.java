package dev.nginxlint.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NginxBuildTest {

  @Test
  void readsTheConfigureArgumentsOfNginxV() {
    NginxBuild b = NginxBuild.fromNginxV("nginx version: nginx/1.22.1\nbuilt with OpenSSL 3.0.9\n"
        + "configure arguments: --with-cc-opt='-g -O2' --prefix=/usr/share/nginx --with-pcre-jit"
        + " --with-http_ssl_module --with-stream=dynamic --with-http_geoip_module=dynamic\n");
    assertEquals("auto", b.label());
    assertTrue(b.has("--with-http_ssl_module"));
    assertFalse(b.dynamic("--with-http_ssl_module"));
    assertTrue(b.has("--with-stream"));
    assertTrue(b.dynamic("--with-stream"));
    assertTrue(b.dynamic("--with-http_geoip_module"));
    assertFalse(b.has("--with-http_v2_module"));
  }

  @Test
  void listsMayLeaveOutTheDashesAndWith() {
    NginxBuild b = NginxBuild.parse("stream=dynamic, http_ssl_module,--with-http_v2_module");
    assertTrue(b.has("--with-stream") && b.dynamic("--with-stream"));
    assertTrue(b.has("--with-http_ssl_module"));
    assertTrue(b.has("--with-http_v2_module"));
    assertFalse(b.has("--with-mail"));
  }

  @Test
  void thePackageBuildHasTheCommonModulesAndMinimalNone() {
    for (String sw : new String[] {"--with-http_ssl_module", "--with-http_v2_module", "--with-http_realip_module",
        "--with-http_stub_status_module", "--with-http_auth_request_module", "--with-http_sub_module",
        "--with-http_gzip_static_module", "--with-http_gunzip_module", "--with-stream"}) {
      assertTrue(NginxBuild.PACKAGE_BUILD.has(sw), sw);
      assertFalse(NginxBuild.MINIMAL.has(sw), sw);
    }
    assertFalse(NginxBuild.PACKAGE_BUILD.has("--with-http_image_filter_module"));
  }

  @Test
  void aDynamicSwitchNamesItsSharedObject() {
    assertEquals("ngx_stream_module.so", NginxBuild.moduleFile("--with-stream"));
    assertEquals("ngx_http_geoip_module.so", NginxBuild.moduleFile("--with-http_geoip_module"));
  }
}
