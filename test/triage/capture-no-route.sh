#!/usr/bin/env bash
# Provokes "connect() failed (113: No route to host)" with real nginx, inside a network namespace
# of its own (only lo, and an "unreachable" route to 192.0.2.1, TEST-NET-1): nothing leaves the
# machine and the host's routes are not touched. Needs root and iproute2. Writes OUT_DIR/no-route.log.
#   sudo test/triage/capture-no-route.sh OUT_DIR
set -euo pipefail
out=${1:?usage: capture-no-route.sh OUT_DIR}
mkdir -p "$out"
ns=triage-capture-$$
dir=$(mktemp -d /tmp/triage-no-route.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" route add unreachable 192.0.2.1/32
mkdir -p "$dir/logs" "$dir/tmp"
cat > "$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log info;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
  server {
    listen 127.0.0.1:8080;
    location / { proxy_pass http://192.0.2.1:8080; }
  }
}
CONF
ip netns exec "$ns" nginx -p "$dir/" -c nginx.conf &
pid=$!
ip netns exec "$ns" timeout 20 python3 - <<'PY'
import socket, time
for _ in range(100):
    try:
        c = socket.create_connection(("127.0.0.1", 8080), 1)
        break
    except OSError:
        time.sleep(0.1)
c.settimeout(10)
c.sendall(b"GET /api/x HTTP/1.1\r\nHost: app.example.com\r\nConnection: close\r\n\r\n")
while c.recv(4096):
    pass
PY
sleep 0.3
cp "$dir/logs/error.log" "$out/no-route.log"
grep -v '\[notice\]' "$out/no-route.log"
