#!/usr/bin/env bash
# Proves .pre-commit-hooks.yaml with the real pre-commit tool: a scratch git repo with nginx
# configs uses this repo's hooks the way users do (repo: + rev: in .pre-commit-config.yaml).
#
#   bash test/pre-commit/run.sh
#
# pre-commit clones the hook repo at `rev`, so it sees committed files only, and
# `pre-commit try-repo` adds only changes to *tracked* files (`git add -u`), not new ones. So by
# default the hook repo is a snapshot of this working tree (tracked and untracked files, less
# .gitignore'd ones) committed in a temp dir; HOOK_SOURCE=head uses this clone at its HEAD.
# The launcher builds the jar inside pre-commit's clone on first use (Java 17 + Maven, ~1 min).
# Needs git and pre-commit (installed with apt-get when missing, as root). Closes with
# "N passed, N failed" and exits non-zero if a check failed.
set -u

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOOK_SOURCE="${HOOK_SOURCE:-worktree}"
FIRST_TIMEOUT="${FIRST_TIMEOUT:-600}"   # first hook run builds the jar
STEP_TIMEOUT="${STEP_TIMEOUT:-180}"

passed=0
failed=0
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing pre-commit (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q pre-commit >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q pre-commit >/dev/null 2>&1; }
  fi
fi
command -v pre-commit >/dev/null 2>&1 || { bad "pre-commit is not installed"; finish; }
echo "pre-commit: $(pre-commit --version)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nginx-lint-pre-commit.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache"   # its own cache: a fresh clone and build every run
# git identity for the scratch repos, without touching the user's config (HOME stays: Maven's
# ~/.m2 is there)
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$tmp/gitconfig"
git config --global user.name nginx-lint-test
git config --global user.email nginx-lint-test@example.invalid
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# --- the hook repo --------------------------------------------------------------------
if [ "$HOOK_SOURCE" = head ]; then
  hook_repo="$repo"
  hook_rev="$(git -C "$repo" rev-parse HEAD)"
else
  hook_repo="$tmp/hook-repo"
  mkdir -p "$hook_repo"
  (cd "$repo" && git ls-files -z -co --exclude-standard) \
    | tar -C "$repo" --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$hook_repo" -xf -
  (cd "$hook_repo" && git init -q && git add -A && git commit -q -m "snapshot of the working tree") \
    || { bad "could not snapshot the working tree"; finish; }
  hook_rev="$(git -C "$hook_repo" rev-parse HEAD)"
fi
[ -f "$hook_repo/.pre-commit-hooks.yaml" ] || { bad ".pre-commit-hooks.yaml missing in $hook_repo"; finish; }
echo "hook repo: $hook_repo @ $hook_rev"

# --- the user's repo ------------------------------------------------------------------
work="$tmp/work"
mkdir -p "$work/conf.d"
cd "$work" || exit 2
git init -q
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $hook_rev
    hooks:
      - id: nginx-lint
        args: [--select, upstream-keepalive]
      - id: nginx-lint-fix
        args: [--select, upstream-keepalive]
        stages: [manual]
      - id: nginx-lint-system
        args: [--select, upstream-keepalive]
        stages: [manual]
      - id: nginx-lint-format
        stages: [manual]
EOF

write_bad() {
  cat > "$1" <<'EOF'
events {}
http {
    upstream backend {
        server 127.0.0.1:8081;
    }
    server {
        listen 8080;
        location / {
            proxy_pass http://backend;
        }
    }
}
EOF
}
write_bad nginx.conf
cat > conf.d/x.conf <<'EOF'
upstream app {
    server 127.0.0.1:9000;
}
server {
    listen 8081;
    location / {
        proxy_pass http://app;
    }
}
EOF
echo "not nginx" > notes.txt
git add -A && git commit -q --no-verify -m "configs"

# hook ID FILE... -> sets $out and $rc
hook() {
  local limit="$1"; shift
  out="$(timeout "$limit" pre-commit run --color never "$@" 2>&1)"
  rc=$?
  [ "$rc" = 124 ] && out="$out
(timed out after ${limit}s)"
}
show() { printf '%s\n' "$out" | sed 's/^/    | /'; }

# 1. bad config: the hook fails and names the rule (first run: clone + build)
hook "$FIRST_TIMEOUT" nginx-lint --files nginx.conf
if [ "$rc" != 0 ] && [ "$rc" != 124 ] && grep -q 'nginx.conf:3:5: upstream-keepalive' <<<"$out"; then
  ok "nginx-lint fails on an upstream without keepalive"
else
  bad "nginx-lint on the bad nginx.conf (exit $rc)"; show
fi

# 2. fixed config: the hook passes
sed -i 's/server 127.0.0.1:8081;/server 127.0.0.1:8081;\n        keepalive 16;/' nginx.conf
hook "$STEP_TIMEOUT" nginx-lint --files nginx.conf
if [ "$rc" = 0 ] && grep -q '^nginx-lint\.*Passed' <<<"$out"; then
  ok "nginx-lint passes once the upstream has keepalive"
else
  bad "nginx-lint on the fixed nginx.conf (exit $rc)"; show
fi

# 3. a snippet passed alone is linted in its inferred (http) context
hook "$STEP_TIMEOUT" nginx-lint --files conf.d/x.conf
if [ "$rc" != 0 ] && grep -q 'conf.d/x.conf:1:1: upstream-keepalive' <<<"$out"; then
  ok "a conf.d/ snippet passed alone is linted"
else
  bad "nginx-lint on conf.d/x.conf alone (exit $rc)"; show
fi

# 4. files that are not nginx configs are not passed
hook "$STEP_TIMEOUT" nginx-lint --files notes.txt
if [ "$rc" = 0 ] && grep -q 'no files to check' <<<"$out"; then
  ok "non-nginx files are skipped"
else
  bad "nginx-lint on notes.txt (exit $rc)"; show
fi

# 5. the fix hook adds keepalive (pre-commit fails the run because files changed), then passes
write_bad nginx.conf
hook "$STEP_TIMEOUT" --hook-stage manual nginx-lint-fix --files nginx.conf
if [ "$rc" != 0 ] && grep -q 'files were modified by this hook' <<<"$out" && grep -q 'keepalive' nginx.conf; then
  hook "$STEP_TIMEOUT" --hook-stage manual nginx-lint-fix --files nginx.conf
  if [ "$rc" = 0 ]; then
    ok "nginx-lint-fix fixes the file, then passes"
  else
    bad "nginx-lint-fix second run (exit $rc)"; show
  fi
else
  bad "nginx-lint-fix first run (exit $rc)"; show; sed 's/^/    > /' nginx.conf
fi

# 7. nginx-lint-system runs the nginx-lint on PATH (here a link to this repo's launcher, as an
# installed package would put /usr/bin/nginx-lint there)
shim="$tmp/bin"
mkdir -p "$shim" && ln -sf "$repo/nginx-lint" "$shim/nginx-lint"
cp nginx.conf "$tmp/fixed.conf"
write_bad nginx.conf
out="$(PATH="$shim:$PATH" timeout "$STEP_TIMEOUT" pre-commit run --color never --hook-stage manual nginx-lint-system --files nginx.conf 2>&1)"
rc=$?
if [ "$rc" != 0 ] && grep -q 'nginx.conf:3:5: upstream-keepalive' <<<"$out"; then
  ok "nginx-lint-system runs the installed command"
else
  bad "nginx-lint-system on the bad nginx.conf (exit $rc)"; show
fi
cp "$tmp/fixed.conf" nginx.conf

# 8. nginx-lint-format fails on an unformatted file and names it, then passes once it is formatted
cp nginx.conf "$tmp/fixed.conf"
printf 'events {}\nhttp {\nserver {   listen 8080;\n}\n}\n' > nginx.conf
hook "$STEP_TIMEOUT" --hook-stage manual nginx-lint-format --files nginx.conf
if [ "$rc" != 0 ] && grep -q '^nginx.conf$' <<<"$out"; then
  "$repo/nginx-lint" format nginx.conf >/dev/null 2>&1
  hook "$STEP_TIMEOUT" --hook-stage manual nginx-lint-format --files nginx.conf
  if [ "$rc" = 0 ]; then
    ok "nginx-lint-format fails on an unformatted file, passes once formatted"
  else
    bad "nginx-lint-format on the formatted file (exit $rc)"; show
  fi
else
  bad "nginx-lint-format on the unformatted file (exit $rc)"; show
fi
cp "$tmp/fixed.conf" nginx.conf

# 9. nginx-lint-format leaves a file that exclude: names alone (--force-exclude), as the lint hooks do
mkdir -p vendor
printf 'events {}\nhttp {\nserver {   listen 8080;\n}\n}\n' > vendor/third.conf
printf 'exclude: [vendor]\n' > .nginx-lint.yml
hook "$STEP_TIMEOUT" --hook-stage manual nginx-lint-format --files vendor/third.conf nginx.conf
if [ "$rc" = 0 ]; then
  rm -f .nginx-lint.yml
  hook "$STEP_TIMEOUT" --hook-stage manual nginx-lint-format --files vendor/third.conf
  if [ "$rc" != 0 ] && grep -q '^vendor/third.conf$' <<<"$out"; then
    ok "nginx-lint-format skips files exclude: names, checks them without it"
  else
    bad "nginx-lint-format on vendor/third.conf without exclude: (exit $rc)"; show
  fi
else
  bad "nginx-lint-format on an excluded file (exit $rc)"; show
fi
rm -rf vendor .nginx-lint.yml

# 6. installed as a git hook, it blocks a commit of a bad config and lets a good one through
git add -A && git commit -q --no-verify -m "fixed by the hook"
timeout "$STEP_TIMEOUT" pre-commit install >/dev/null 2>&1
write_bad nginx.conf
git add nginx.conf
if out="$(timeout "$STEP_TIMEOUT" git commit -q -m bad 2>&1)"; then
  bad "git commit of a bad config went through"; show
elif ! grep -q 'nginx.conf:3:5: upstream-keepalive' <<<"$out"; then
  bad "git commit of a bad config failed, but not because of nginx-lint"; show
else
  sed -i 's/server 127.0.0.1:8081;/server 127.0.0.1:8081;\n        keepalive 16;/' nginx.conf
  git add nginx.conf
  if out="$(timeout "$STEP_TIMEOUT" git commit -q -m good 2>&1)"; then
    ok "the git hook blocks a bad config and accepts the fixed one"
  else
    bad "git commit of the fixed config was refused"; show
  fi
fi

finish
