#!/usr/bin/env bash
# Installs what the integration and end-to-end tests need to run the extension in a real VS Code on
# a machine that cannot download VS Code itself (issue 5):
#   - Debian packages: chromium (driven by playwright-core), fonts-wqy-microhei (or Chinese renders
#     as boxes), libkrb5-dev (code-server's kerberos module builds against it), ripgrep (stands in
#     for the rg that @vscode/ripgrep would download);
#   - code-server (VS Code for the browser, from the npm registry) into .vscode-test/code-server,
#     which is git-ignored.
# Idempotent: what is already there is checked and kept. Exits non-zero when anything is missing
# afterwards, so CI fails rather than skips. Set CODE_SERVER_VERSION to try another version.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.100.3}
CS_DIR=$ROOT/.vscode-test/code-server
CS_PKG=$CS_DIR/node_modules/code-server
STAMP=$CS_DIR/.installed-$CODE_SERVER_VERSION
# @vscode/ripgrep's postinstall looks for its download in $TMPDIR first; this version is the one
# code-server 4.100.x pins (lib/vscode/package.json), and the asset name is the one it asks for.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

t_all=$(date +%s)
say() { echo "setup-vscode: $*"; }
took() { say "$1 took $(( $(date +%s) - $2 )) s"; }
die() { echo "setup-vscode: ERROR: $*" >&2; exit 1; }
# shellcheck source=lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
t=$(date +%s)
APT_PACKAGES=(chromium fonts-wqy-microhei libkrb5-dev ripgrep)
apt_ensure -- "${APT_PACKAGES[@]}"
for c in chromium rg; do command -v "$c" >/dev/null || die "$c is not on PATH after the apt install"; done
took "apt packages" "$t"

# ---------------------------------------------------------------------------------------------
# 2. code-server from the npm registry
# code-server writes a default config file under XDG_CONFIG_HOME on every start: keep it in here.
cs_version() { XDG_CONFIG_HOME=$ROOT/.vscode-test/xdg-config "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | head -1; }
cs_ok() {
  # What shows that every install script really ran (npm 11 may skip dependencies' scripts):
  # native modules built, rg in place, argon2 loads, code-server starts.
  local vs=$CS_PKG/lib/vscode f
  [ -f "$STAMP" ] || return 1
  for f in \
    "$vs/node_modules/node-pty/build/Release/pty.node" \
    "$vs/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
    "$vs/node_modules/kerberos/build/Release/kerberos.node" \
    "$vs/node_modules/@vscode/ripgrep/bin/rg" \
    "$vs/out/server-main.js" \
    "$CS_PKG/out/node/entry.js"; do
    [ -e "$f" ] || { say "missing: ${f#"$ROOT"/}"; return 1; }
  done
  # argon2 (password hashing) is loaded by code-server at start even with --auth none.
  (cd "$CS_PKG" && node -e "require('argon2')" 2>/dev/null) || { say "argon2's native binding does not load"; return 1; }
  cs_version >/dev/null || { say "code-server --version failed"; return 1; }
}

t=$(date +%s)
if [ -f "$STAMP" ] && cs_ok; then
  say "code-server $CODE_SERVER_VERSION already installed in ${CS_DIR#"$ROOT"/}"
else
  rm -f "$STAMP"
  mkdir -p "$CS_DIR"
  # Its own package.json, so that npm installs here and not into the project's node_modules.
  cat >"$CS_DIR/package.json" <<JSON
{
  "name": "dangjian-writer-code-server",
  "private": true,
  "description": "code-server for the integration and end-to-end tests; made by scripts/setup-vscode.sh",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" }
}
JSON
  # The ripgrep download that @vscode/ripgrep's postinstall would make, from Debian's rg.
  export TMPDIR=$ROOT/.vscode-test/tmp
  cache=$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION
  mkdir -p "$cache"
  if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
    stage=$(mktemp -d)
    cp "$(command -v rg)" "$stage/rg"
    tar -czf "$cache/$RIPGREP_ASSET" -C "$stage" rg
    rm -rf "$stage"
  fi
  say "installing code-server@$CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/} (about 2 min and 300 MB; native modules build from source)"
  # As root, node-pty's postinstall runs `npx node-gyp`: unsafe-perm and yes. npm 11 polices the
  # install scripts of dependencies (allowScripts): 11.19 still runs unlisted ones with a notice,
  # later versions skip them. code-server's postinstall runs further `npm install`s inside
  # lib/vscode whose dependencies (node-pty, spdlog, kerberos, @vscode/ripgrep, ...) no
  # allowScripts of ours can name, so scripts are allowed for this one install of a pinned version
  # (older npms ignore the setting); cs_ok below checks that they really ran.
  # --foreground-scripts: the native builds' output goes to the log, in order.
  log=$ROOT/.vscode-test/code-server-install.log
  if ! env npm_config_unsafe_perm=true npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
    npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
    npm install --prefix "$CS_DIR" --no-save --no-package-lock --foreground-scripts \
    "code-server@$CODE_SERVER_VERSION" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    die "npm install code-server@$CODE_SERVER_VERSION failed (whole log: ${log#"$ROOT"/})"
  fi
  say "npm install finished; its log is in ${log#"$ROOT"/}"
  touch "$STAMP"
  cs_ok || { rm -f "$STAMP"; tail -n 40 "$log" >&2; die "code-server installed, but not completely (see above): its install scripts did not all run"; }
fi
say "code-server: $(cs_version)"
took "code-server" "$t"
say "chromium: $(chromium --version 2>/dev/null || echo '?')"
took "setup" "$t_all"
