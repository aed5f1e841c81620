#!/bin/sh
# deps.sh: installs the Debian packages moonreel needs, or says how.
#   scripts/deps.sh build        what building needs (make, make demo)
#   scripts/deps.sh package      that and what making the Debian package needs (make package)
#   scripts/deps.sh [test]       that and what the tests need besides (make test)
#   scripts/deps.sh --list SET   prints a set's packages, one line (the README's list is the build
#                                set word for word: tests/tools/check_deps.sh)
# Exit status 0 when everything is present (or was installed), 2 when a package is missing
# and this user cannot install it (the one apt-get line to run is printed).
set -e
BUILD="cmake make gcc pkg-config liblua5.4-dev libavformat-dev libavcodec-dev libavutil-dev libswscale-dev
libswresample-dev libavfilter-dev libfreetype-dev libharfbuzz-dev libfontconfig-dev libfribidi-dev libunibreak-dev
libcairo2-dev libass-dev libebur128-dev librubberband-dev libedit-dev libmicrohttpd-dev libsixel-dev libjansson-dev
libcsv-dev fonts-dejavu-core"
PACKAGE="dpkg-dev file"
TEST="time fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji chromium tmux slurm-wlm munge clang
libclang-rt-14-dev"
case "${1:-test}" in
  --list)
    case "$2" in build) echo $BUILD ;; package) echo $PACKAGE ;; test) echo $TEST ;;
      *) echo "deps.sh --list build|package|test" >&2; exit 1 ;; esac
    exit 0 ;;
  build) PKGS=$BUILD ;;
  package) PKGS="$BUILD $PACKAGE" ;;
  test) PKGS="$BUILD $PACKAGE $TEST" ;;
  *) echo "usage: scripts/deps.sh [build|package|test] | --list build|package|test" >&2; exit 1 ;;
esac
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "moonreel needs these Debian packages; run:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 2
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
