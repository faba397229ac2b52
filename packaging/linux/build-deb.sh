#!/usr/bin/env bash
# Build a .deb from the PyInstaller bundle: pyinstaller build.spec && packaging/linux/build-deb.sh
# Installs to /opt/desk-app, with the menu entry, the icon and desk-app / desk-central on the PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c "import re;print(re.search(r'__version__ = \"(.+)\"', open('desk_app/__init__.py').read())[1])")
BUNDLE=dist/desk-app
[ -x "$BUNDLE/desk-app" ] || { echo "no bundle in $BUNDLE: run pyinstaller build.spec first" >&2; exit 1; }
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/icons/hicolor/256x256/apps"
cp -a "$BUNDLE" "$ROOT/opt/desk-app"
ln -s /opt/desk-app/desk-app-cli "$ROOT/usr/bin/desk-app"
ln -s /opt/desk-app/desk-central "$ROOT/usr/bin/desk-central"
install -m 0644 packaging/linux/desk-app.desktop "$ROOT/usr/share/applications/desk-app.desktop"
install -m 0644 resources/icons/desk-app.png "$ROOT/usr/share/icons/hicolor/256x256/apps/desk-app.png"
SIZE=$(du -sk "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: desk-app
Version: $VERSION
Section: misc
Priority: optional
Architecture: amd64
Installed-Size: $SIZE
Depends: libegl1, libgl1, libfontconfig1, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libpulse0, libsane1, libcups2
Maintainer: desk_app <desk-app@localhost>
Description: Front-desk software for government service halls (政务服务中心前台系统)
 Queueing, intake, legally required printouts, devices and offline-first sync (desk-app),
 and the central server (desk-central).
CONTROL
mkdir -p dist
dpkg-deb --root-owner-group --build "$ROOT" "dist/desk-app_${VERSION}_amd64.deb"
echo "dist/desk-app_${VERSION}_amd64.deb"
