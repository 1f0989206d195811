#!/usr/bin/env bash
# Pack Festival (+ festvox-us-slt-hts) and flite with every shared library they load, glibc and its
# loader included, into one folder that runs on any x86-64 Linux without installing anything.
# The GPU machine has no audio tools and cannot reach a package registry; this folder is carried
# there (device tool `carry`). Build it here, where the Debian packages are installed:
#   apt-get install -y festival festvox-us-slt-hts flite
#   bash training/data/bundle_teacher.sh training/out/teacher-bundle [--with-flite]
# It also writes DEST.tar.xz (the form to carry: about a third of the size).
set -euo pipefail
dest="${1:-training/out/teacher-bundle}"
tools="festival"
[ "${2:-}" = "--with-flite" ] && tools="festival flite"   # flite links every flite voice: +25 MB
rm -rf "$dest"
mkdir -p "$dest/bin" "$dest/lib" "$dest/share"

copy_deps() {
  ldd "$1" | awk '/=> \//{print $3} /^\t\/lib/{print $1}' | while read -r lib; do
    cp -L --no-clobber "$lib" "$dest/lib/"
  done
}

for tool in $tools; do
  real="$(command -v "$tool")"
  cp -L "$real" "$dest/bin/$tool.real"
  copy_deps "$real"
done
cp -rL /usr/share/festival "$dest/share/festival"

loader="$(basename "$(ldd "$(command -v festival)" | awk '/ld-linux/{print $1}')")"
cat >"$dest/bin/festival" <<EOF
#!/usr/bin/env bash
d="\$(cd "\$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
exec "\$d/lib/$loader" --library-path "\$d/lib" "\$d/bin/festival.real" --libdir "\$d/share/festival" --datadir "\$d/share/festival" "\$@"
EOF
cat >"$dest/bin/flite" <<EOF
#!/usr/bin/env bash
d="\$(cd "\$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
exec "\$d/lib/$loader" --library-path "\$d/lib" "\$d/bin/flite.real" "\$@"
EOF
chmod +x "$dest/bin/festival" "$dest/bin/flite"
[ -e "$dest/bin/flite.real" ] || rm "$dest/bin/flite"
{
  echo "Portable teacher bundle, built $(date -u +%Y-%m-%dT%H:%MZ) from Debian packages:"
  dpkg-query -W -f='${Package} ${Version}\n' festival festvox-us-slt-hts festlex-cmu festlex-poslex libestools2.5 flite libflite1 libc6
} >"$dest/PROVENANCE.txt"
tar -C "$(dirname "$dest")" -cJf "$dest.tar.xz" "$(basename "$dest")"
du -sh "$dest" "$dest.tar.xz"
