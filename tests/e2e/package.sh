#!/bin/bash
# package.sh: `make package`'s Debian package (CPack) holds the binary, docs, man page and
# completions, depends on what the binary links; installed with dpkg -i and apt-get -f install
# (as root or through sudo), the installed moonreel renders the demo and finds its docs; then
# it is removed again. Skipped (77) where this user cannot install packages.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "skipped: installing a package needs root or sudo"; exit 77
fi
if dpkg-query -W -f='${Status}' moonreel 2>/dev/null | grep -q "install ok installed"; then
  echo "skipped: a moonreel package is installed on this machine already (not touched)"; exit 77
fi
build=$(dirname "$MR")
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$WORK/pkg" > cpack.log 2>&1 && ok || { bad "cpack"; cat cpack.log; }
deb=$(ls "$WORK"/pkg/moonreel_*.deb 2>/dev/null | head -1)
[ -f "$deb" ] && ok || bad "no .deb made"
info=$(dpkg-deb -I "$deb")
for dep in libavcodec libavformat liblua5.4 libharfbuzz libass libebur128 fonts-dejavu-core; do
  expect_contains "the package depends on $dep" "$info" "$dep"
done
files=$(dpkg-deb -c "$deb")
for f in ./usr/bin/moonreel ./usr/share/man/man1/moonreel.1 ./usr/share/bash-completion/completions/moonreel \
         ./usr/share/zsh/vendor-completions/_moonreel ./usr/share/doc/moonreel/api.md ./usr/share/doc/moonreel/batch.md; do
  expect_contains "the package holds $f" "$files" "$f"
done
trap '$SUDO dpkg -r moonreel >/dev/null 2>&1; rm -rf "$WORK"' EXIT
export DEBIAN_FRONTEND=noninteractive
$SUDO dpkg -i "$deb" > dpkg.log 2>&1 || $SUDO apt-get -f install -y -qq >> dpkg.log 2>&1
dpkg-query -W -f='${Status}' moonreel 2>/dev/null | grep -q "install ok installed" && ok || { bad "dpkg -i"; cat dpkg.log; }
/usr/bin/moonreel run "$ROOT/scripts/demo.lua" -o demo.mp4 -q && ok || bad "the installed moonreel renders the demo"
expect_contains "the demo" "$("$MC" demo.mp4)" "video "
expect_contains "the installed moonreel finds its docs" "$(/usr/bin/moonreel help | tail -1)" "/usr/share/doc/moonreel/api.md"
$SUDO dpkg -r moonreel > /dev/null 2>&1 && ok || bad "dpkg -r"
[ ! -e /usr/bin/moonreel ] && ok || bad "removed"
finish
