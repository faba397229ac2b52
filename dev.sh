#!/usr/bin/env bash
# Set up everything this project needs on Debian/Ubuntu, then open the demo hall (`demo`) or run all tests (`test`).
# Idempotent: system packages are installed only when missing, the venv is rebuilt only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Qt's xcb platform and fonts (libegl1 ... libxcb-cursor0, libfontconfig1, libdbus-1-3), Qt Multimedia (libpulse0),
# Python's venv (python3-venv), SANE document scanners (libsane-dev, to build python-sane; sane-utils),
# a virtual screen for screenshots (xvfb) and scanner-speed typing through it (xdotool), PostgreSQL for the server
# tests (postgresql), CUPS with virtual printers for the printing tests (cups, printer-driver-cups-pdf; pdftotext
# from poppler-utils reads back what they wrote).
RUN_PKGS=(python3-venv libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0
          libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0
          libxcb-image0 libglib2.0-0 libpulse0 libsane-dev sane-utils gcc python3-dev)
TEST_PKGS=(postgresql xvfb xdotool cups printer-driver-cups-pdf poppler-utils)

ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_venv() {
  local stamp=.venv/.setup-stamp want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[test,sane]'
    echo "$want" > "$stamp"
  fi
}

ensure_translations() {
  # The .qm files are committed (a wheel build has no Qt tools); compiling them again picks up edited .ts files.
  .venv/bin/python tools/translations.py release >/dev/null
}

ensure_postgres() {
  # The server tests always run against a real PostgreSQL; start it if it is not running.
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)
    [ -n "$version" ] || { echo "PostgreSQL is not installed"; exit 1; }
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  export DESK_TEST_PG_URL="${DESK_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
  if ! PGCONNECT_TIMEOUT=5 psql "$DESK_TEST_PG_URL" -qtAc 'select 1' >/dev/null 2>&1; then
    # A stock Debian cluster asks for a password on TCP: give the test role one over the local socket.
    $SUDO -u postgres psql -qc "ALTER USER postgres PASSWORD 'desk_test'" >/dev/null 2>&1 \
      || su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'desk_test'\"" >/dev/null
    export DESK_TEST_PG_URL="postgresql://postgres:desk_test@127.0.0.1:5432/postgres"
    psql "$DESK_TEST_PG_URL" -qtAc "select 1 from pg_database where datname='test'" | grep -q 1 \
      || psql "$DESK_TEST_PG_URL" -qc "create database test"
    export DESK_TEST_PG_URL="postgresql://postgres:desk_test@127.0.0.1:5432/test"
  fi
}

ensure_cups() {
  # The printing tests send documents through CUPS to two virtual printers (started and created if missing).
  bash tests/cups/setup_virtual_printer.sh
}

case "${1:-}" in
  demo)
    ensure_packages "${RUN_PKGS[@]}"
    ensure_venv
    ensure_translations
    shift
    exec .venv/bin/desk-app demo "$@"
    ;;
  test)
    ensure_packages "${RUN_PKGS[@]}" "${TEST_PKGS[@]}"
    ensure_venv
    ensure_translations
    ensure_postgres
    ensure_cups
    shift
    export QT_QPA_PLATFORM=offscreen
    # One run decides: a first-run failure fails it, and so does a crashed worker (xdist reports the test it was
    # running as failed). A flaky test gets fixed, or parked with @pytest.mark.quarantine(issue=N, why=...),
    # which the summary counts (tests/plugins/quarantine.py).
    exec .venv/bin/python -m pytest -n 2 --dist load "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo | ./dev.sh test [pytest args]" >&2
    exit 2
    ;;
esac
