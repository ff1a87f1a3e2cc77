#!/bin/sh
# Put NetBuilder in the desktop's application menu (freedesktop: GNOME, KDE, Xfce, ...).
#
#   packaging/install-desktop.sh [--uninstall] [--exec /path/to/netbuilder]
#
# Installs for the current user (no root): the .desktop entry into
# $XDG_DATA_HOME/applications and the SVG icon into the hicolor theme. Exec points at
# this checkout's .venv/bin/netbuilder unless --exec (or $NETBUILDER_EXEC) says otherwise,
# so the menu entry starts the same app as `make run`. `make install-desktop` runs this.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
icons=$data/icons/hicolor/scalable/apps
exec_path=${NETBUILDER_EXEC:-$root/.venv/bin/netbuilder}
action=install

while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) action=uninstall; shift;;
    --exec) exec_path=$2; shift 2;;
    -h|--help) sed -n '2,10p' "$0"; exit 0;;
    *) echo "install-desktop.sh: unknown option $1" >&2; exit 2;;
  esac
done

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
  rm -f "$apps/netbuilder.desktop" "$icons/netbuilder.svg"
  refresh
  echo "removed NetBuilder from the application menu"
  exit 0
fi

case "$exec_path" in
  /*) ;;
  *) exec_path=$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path");;
esac
[ -x "$exec_path" ] || echo "note: $exec_path is not there yet (run 'make run' once to build .venv)" >&2

mkdir -p "$apps" "$icons"
sed -e "s|^Exec=.*|Exec=\"$exec_path\" %f|" -e "s|^TryExec=.*|TryExec=$exec_path|" \
  "$here/netbuilder.desktop" > "$apps/netbuilder.desktop.tmp"
mv "$apps/netbuilder.desktop.tmp" "$apps/netbuilder.desktop"
cp "$root/resources/icons/netbuilder.svg" "$icons/netbuilder.svg"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$apps/netbuilder.desktop"
fi
refresh
echo "installed $apps/netbuilder.desktop (Exec: $exec_path) and $icons/netbuilder.svg"
