#!/usr/bin/env python3
"""Provokes the upstream failures of triage's signature catalog with real nginx on loopback and
keeps nginx's own error-log lines (src/test/resources/triage/nginx/catalog.log and broken-pipe.log
were made with it), and, when php-fpm is installed, php-fpm's log of a pool that reaches pm.max_children
(src/test/resources/triage/php-fpm/).

    python3 test/triage/capture.py OUT_DIR

Everything listens on 127.0.0.1 only (high ports, unix sockets under a temp dir); nginx runs in
the foreground with its own prefix and is stopped at the end; the whole run is bounded (about
30 s). Needs nginx (Debian's 1.22.1 was used) and, to produce lines as root, the nginx worker
runs as nobody (so a socket with mode 0600 gives EACCES).
"""
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

OUT = sys.argv[1] if len(sys.argv) > 1 else "capture-out"
os.makedirs(OUT, exist_ok=True)
tmp = tempfile.mkdtemp(prefix="triage-capture-")
os.chmod(tmp, 0o755)
stop = threading.Event()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def serve(listener, handler):
    def loop():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                c, _ = listener.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=handler, args=(c,), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()


def read_head(c):
    c.settimeout(5)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = c.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return data


def http_backend(answer):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(64)

    def h(c):
        try:
            answer(c)
        finally:
            try:
                c.close()
            except OSError:
                pass
    serve(s, h)
    return s.getsockname()[1]


def ok(c):
    read_head(c)
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")


def silent(c):
    read_head(c)
    time.sleep(4)


def not_tls(c):
    c.settimeout(5)
    try:
        c.recv(4096)  # the ClientHello
        c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    except OSError:
        pass


def close_after_head(c):
    read_head(c)
    # FIN while nginx still sends the body, then close with unread data; nginx reads the FIN
    # first and logs "upstream prematurely closed" (not EPIPE: see the idle keepalive case below)
    c.shutdown(socket.SHUT_WR)
    time.sleep(0.5)


# --- backends ---
plain = http_backend(ok)
not_tls_port = http_backend(not_tls)  # answers a TLS ClientHello in plain HTTP
silent_port = http_backend(silent)    # accepts, never answers (TLS handshake times out)
closer = http_backend(close_after_head)

# a TCP listener whose accept queue is full: backlog 0, never accepts, filled by a few connects
full_tcp = socket.socket()
full_tcp.bind(("127.0.0.1", 0))
full_tcp.listen(0)
full_tcp_port = full_tcp.getsockname()[1]
fillers = []
for _ in range(4):
    f = socket.socket()
    f.setblocking(False)
    try:
        f.connect(("127.0.0.1", full_tcp_port))
    except BlockingIOError:
        pass
    fillers.append(f)

# a unix socket whose accept queue is full: connect() fails at once with EAGAIN
full_unix_path = os.path.join(tmp, "full.sock")
full_unix = socket.socket(socket.AF_UNIX)
full_unix.bind(full_unix_path)
full_unix.listen(0)
os.chmod(full_unix_path, 0o777)
for _ in range(3):
    f = socket.socket(socket.AF_UNIX)
    f.setblocking(False)
    try:
        f.connect(full_unix_path)
    except (BlockingIOError, OSError):
        pass
    fillers.append(f)

# a unix socket nobody but root may open
private_path = os.path.join(tmp, "private.sock")
private = socket.socket(socket.AF_UNIX)
private.bind(private_path)
private.listen(8)
os.chmod(private_path, 0o600)


# --- DNS: one server that answers SERVFAIL, one NXDOMAIN, one that never answers ---
def dns_server(rcode):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(0.2)

    def loop():
        while not stop.is_set():
            try:
                q, addr = s.recvfrom(512)
            except (socket.timeout, OSError):
                continue
            if rcode is None or len(q) < 12:
                continue  # a resolver that never answers
            qid, flags = struct.unpack("!HH", q[:4])
            rflags = 0x8000 | (flags & 0x0100) | 0x0080 | rcode
            s.sendto(struct.pack("!HHHHHH", qid, rflags, 1, 0, 0, 0) + q[12:], addr)
    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


servfail_dns = dns_server(2)
nxdomain_dns = dns_server(3)
mute_dns = dns_server(None)
dead_port = free_port()           # nothing listens (TCP and UDP)

def nginx_conf(http, main=""):
    """A capture nginx: one foreground worker, logs and temp files under its prefix; `http` goes into
    http {}, `main` into the main context."""
    return f"""
daemon off;
worker_processes 1;
{main}
pid logs/nginx.pid;
error_log logs/error.log info;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
{http}}}
"""


port = free_port()
conf = nginx_conf(f"""
  proxy_connect_timeout 1s; proxy_read_timeout 2s; proxy_send_timeout 2s;
  resolver_timeout 2s;
  server {{
    listen 127.0.0.1:{port};
    location /tls-plain/ {{ proxy_pass https://127.0.0.1:{not_tls_port}; }}
    location /tls-silent/ {{ proxy_pass https://127.0.0.1:{silent_port}; }}
    location /tcp-full/ {{ proxy_pass http://127.0.0.1:{full_tcp_port}; }}
    location /unix-full/ {{ proxy_pass http://unix:{full_unix_path}:/; }}
    location /unix-missing/ {{ fastcgi_pass unix:{tmp}/missing.sock; include /etc/nginx/fastcgi_params; }}
    location /unix-private/ {{ proxy_pass http://unix:{private_path}:/; }}
    location /upload/ {{ proxy_pass http://127.0.0.1:{closer}; client_max_body_size 64m; }}
    location /dns-servfail/ {{ resolver 127.0.0.1:{servfail_dns} ipv6=off; set $h servfail.test; proxy_pass http://$h:{plain}; }}
    location /dns-nxdomain/ {{ resolver 127.0.0.1:{nxdomain_dns} ipv6=off; set $h nxdomain.test; proxy_pass http://$h:{plain}; }}
    location /dns-mute/ {{ resolver 127.0.0.1:{mute_dns} ipv6=off; set $h mute.test; proxy_pass http://$h:{plain}; }}
    location /dns-dead/ {{ resolver 127.0.0.1:{dead_port} ipv6=off; set $h dead.test; proxy_pass http://$h:{plain}; }}
  }}
""")


def start_nginx(name, conf, port):
    prefix = os.path.join(tmp, name)
    os.makedirs(os.path.join(prefix, "logs"))
    os.makedirs(os.path.join(prefix, "tmp"))
    os.chmod(prefix, 0o755)
    with open(os.path.join(prefix, "nginx.conf"), "w") as f:
        f.write(conf)
    proc = subprocess.Popen(["nginx", "-p", prefix + "/", "-c", "nginx.conf"],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(prefix, "stderr"), "w"))
    deadline = time.time() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return proc, os.path.join(prefix, "logs", "error.log")
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                print(open(os.path.join(prefix, "stderr")).read())
                sys.exit("nginx did not start")
            time.sleep(0.05)


def stop_nginx(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


nginx, log = start_nginx("nginx", conf, port)


def request(path, body=None, to=None):
    try:
        c = socket.create_connection(("127.0.0.1", to or port), 2)
        c.settimeout(10)
        if body is None:
            c.sendall(f"GET {path} HTTP/1.1\r\nHost: capture.test\r\nConnection: close\r\n\r\n".encode())
        else:
            c.sendall(f"POST {path} HTTP/1.1\r\nHost: capture.test\r\nContent-Length: {len(body)}\r\n"
                      "Connection: close\r\n\r\n".encode())
            c.sendall(body)
        while c.recv(65536):
            pass
        c.close()
    except OSError:
        pass


threads = []
for p in ["/tls-plain/a", "/tls-silent/a", "/tcp-full/a", "/unix-full/a", "/unix-missing/a.php",
          "/unix-private/a", "/dns-servfail/a", "/dns-nxdomain/a", "/dns-mute/a", "/dns-dead/a"]:
    t = threading.Thread(target=request, args=(p,))
    t.start()
    threads.append(t)
big = threading.Thread(target=request, args=("/upload/a", b"x" * (32 * 1024 * 1024)))
big.start()
threads.append(big)
for t in threads:
    t.join(20)
time.sleep(0.5)
stop_nginx(nginx)

# a second nginx whose worker may open only a few descriptors: concurrent requests to a slow
# backend run out of them
port2 = free_port()
nginx2, log2 = start_nginx("nofile", nginx_conf(f"""
  server {{
    listen 127.0.0.1:{port2};
    location / {{ proxy_pass http://127.0.0.1:{silent_port}; proxy_read_timeout 2s; }}
  }}
""", main="worker_rlimit_nofile 12;"), port2)
threads = [threading.Thread(target=request, args=("/slow", None, port2)) for _ in range(12)]
for t in threads:
    t.start()
for t in threads:
    t.join(20)
stop_nginx(nginx2)
# a unix-socket backend that half-closes its idle keepalive connections (shutdown SHUT_RD): nginx is
# not told (no EOF reaches its side), keeps the connection cached, and its next request on it fails
# in writev() with EPIPE, the way a backend closing idle connections races nginx's reuse of them;
# nginx then retries on a new connection (the client gets its 200)
idle_path = os.path.join(tmp, "idle.sock")
idle = socket.socket(socket.AF_UNIX)
idle.bind(idle_path)
idle.listen(8)
os.chmod(idle_path, 0o777)
half_closed = []


def serve_then_half_close(c):
    read_head(c)
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    time.sleep(0.3)
    c.shutdown(socket.SHUT_RD)
    half_closed.append(c)  # kept open: a full close would reach nginx as EOF


serve(idle, serve_then_half_close)
port4 = free_port()
nginx4, log4 = start_nginx("idle-nginx", nginx_conf(f"""
  upstream idle_app {{ server unix:{idle_path}; keepalive 4; }}
  server {{
    listen 127.0.0.1:{port4};
    location / {{ proxy_pass http://idle_app; proxy_http_version 1.1; proxy_set_header Connection ""; }}
  }}
"""), port4)
request("/first", None, port4)
time.sleep(0.6)
request("/second", None, port4)
time.sleep(0.3)
stop_nginx(nginx4)
shutil.copy(log4, os.path.join(OUT, "broken-pipe.log"))

# php-fpm (when installed): a pool of 2 children behind fastcgi_pass, 6 concurrent slow requests;
# php-fpm logs "server reached pm.max_children setting (2), consider raising it" in its own log
fpm_bin = next((shutil.which(b) for b in ("php-fpm", "php-fpm8.2") if shutil.which(b)), None)
if fpm_bin:
    fpm_dir = os.path.join(tmp, "fpm")
    os.makedirs(fpm_dir)
    os.chmod(fpm_dir, 0o755)
    fpm_sock = os.path.join(fpm_dir, "www.sock")
    with open(os.path.join(fpm_dir, "sleep.php"), "w") as f:
        f.write("<?php usleep(2500000); echo 'ok';\n")
    os.chmod(os.path.join(fpm_dir, "sleep.php"), 0o644)
    with open(os.path.join(fpm_dir, "php-fpm.conf"), "w") as f:
        f.write(f"""[global]
pid = {fpm_dir}/php-fpm.pid
error_log = {fpm_dir}/php-fpm.log
daemonize = no
[www]
user = nobody
group = nogroup
listen = {fpm_sock}
listen.mode = 0666
pm = dynamic
pm.max_children = 2
pm.start_servers = 1
pm.min_spare_servers = 1
pm.max_spare_servers = 1
""")
    fpm = subprocess.Popen([fpm_bin, "--fpm-config", os.path.join(fpm_dir, "php-fpm.conf"), "-n"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while not os.path.exists(fpm_sock) and time.time() < deadline:
        time.sleep(0.05)
    port3 = free_port()
    nginx3, log3 = start_nginx("fpm-nginx", nginx_conf(f"""
  server {{
    listen 127.0.0.1:{port3};
    root {fpm_dir};
    location ~ \\.php$ {{
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_pass unix:{fpm_sock};
    }}
  }}
"""), port3)
    threads = [threading.Thread(target=request, args=("/sleep.php", None, port3)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    stop_nginx(nginx3)
    fpm.send_signal(signal.SIGQUIT)
    try:
        fpm.wait(10)
    except subprocess.TimeoutExpired:
        fpm.kill()
    shutil.copy(os.path.join(fpm_dir, "php-fpm.log"), os.path.join(OUT, "php-fpm.log"))
    print(open(os.path.join(fpm_dir, "php-fpm.log")).read())
    print(open(log3).read())

stop.set()
with open(os.path.join(OUT, "catalog.log"), "w") as out:
    for f in (log, log2):
        out.write(open(f).read())
shutil.rmtree(tmp, ignore_errors=True)
print(open(os.path.join(OUT, "catalog.log")).read()[:0])
