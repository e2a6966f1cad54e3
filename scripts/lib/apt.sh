# Sourced by the setup scripts: apt_ensure [apt-get install options] -- PACKAGE...
# Installs the Debian packages that are missing (with sudo when not root) and leaves the rest;
# reports through the caller's say() and die().
apt_ensure() {
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  shift
  local missing=() p
  for p in "$@"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then missing+=("$p"); fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "apt packages already installed: $*"
    return
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install these by hand: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo; install these by hand: ${missing[*]}"
    sudo=(sudo)
  fi
  say "installing apt packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${opts[@]}" "${missing[@]}"
}
