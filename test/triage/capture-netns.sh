#!/usr/bin/env bash
# Provokes, with real nginx inside a network namespace of its own (nothing leaves the machine, the
# host's routes and sysctls are not touched), the two catalog lines loopback alone cannot give:
#  - no-route.log: "connect() failed (113: No route to host)": an "unreachable" route to 192.0.2.1
#    (TEST-NET-1);
#  - udp-ports.log: "connect() to ... failed (11: Resource temporarily unavailable)" on an IP
#    upstream: a stream proxy for UDP binds a new local port for every session, and the
#    namespace's ephemeral range (two ports, both held by another socket) is exhausted. A TCP
#    connect() in the same state fails with 99, never 11: EAGAIN on an IP upstream is UDP's.
# Needs root, iproute2 and nginx with the stream module (Debian's nginx-extras 1.22.1 was used).
#   sudo test/triage/capture-netns.sh OUT_DIR
set -euo pipefail
out=${1:?usage: capture-netns.sh OUT_DIR}
mkdir -p "$out"
ns=triage-capture-$$
dir=$(mktemp -d /tmp/triage-netns.XXXXXX)
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
ip netns exec "$ns" sysctl -qw net.ipv4.ip_local_port_range="40000 40001"
stream_module=/usr/lib/nginx/modules/ngx_stream_module.so

run_nginx() {  # NAME CONF: runs nginx in the namespace until the client script on stdin ends
    local name=$1
    mkdir -p "$dir/$name/logs" "$dir/$name/tmp"
    printf '%s\n' "$2" > "$dir/$name/nginx.conf"
    ip netns exec "$ns" nginx -p "$dir/$name/" -c nginx.conf &
    pid=$!
    ip netns exec "$ns" timeout 20 python3 -
    sleep 0.3
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=
    cp "$dir/$name/logs/error.log" "$out/$name.log"
    grep -v '\[notice\]' "$out/$name.log"
}

run_nginx no-route "
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
}" <<'PY'
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

run_nginx udp-ports "
load_module $stream_module;
daemon off;
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log info;
events { worker_connections 64; }
stream {
  server {
    listen 127.0.0.1:5300 udp;
    proxy_pass 127.0.0.1:5353;
    proxy_responses 1;
    proxy_timeout 2s;
  }
}" <<'PY'
import socket, time
time.sleep(0.5)
held = []
for port in (40000, 40001):  # the whole ephemeral range of the namespace
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    held.append(s)
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.bind(("127.0.0.1", 6000))
c.settimeout(1)
c.sendto(b"\x12\x34 query", ("127.0.0.1", 5300))
try:
    c.recv(512)
except OSError:
    pass
PY
