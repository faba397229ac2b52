#!/usr/bin/env bash
# Virtual printers for the CUPS tests (run by ./dev.sh test and by tests/cups_support.py; idempotent):
#   desk-test-pdfdirect  CUPS -> pdftopdf -> a backend keeping the PDF as a PDF-direct printer gets it
#                        (/var/spool/desk-pdf/job-<id>.pdf)
#   desk-test-cupspdf    CUPS -> PostScript -> cups-pdf (ghostscript), as a PostScript printer gets it
#                        (/var/spool/cups-pdf/desktest/job_<id>-*.pdf)
# Starts cupsd when it is not running. Needs root (or sudo) and the packages cups, printer-driver-cups-pdf.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

for cmd in cupsd lpadmin lpstat; do
  command -v "$cmd" >/dev/null || { echo "CUPS is not installed (no $cmd): apt-get install cups printer-driver-cups-pdf"; exit 1; }
done

exec 9>/tmp/desk-cups-setup.lock
flock 9

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  $SUDO systemctl start cups 2>/dev/null || $SUDO cupsd
  for _ in $(seq 1 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.2; done
  lpstat -r 2>/dev/null | grep -q "is running" || { echo "cupsd did not start (see /var/log/cups/error_log)"; exit 1; }
fi

backend=/usr/lib/cups/backend/deskpdf
if ! cmp -s "$here/deskpdf-backend" "$backend" 2>/dev/null; then
  $SUDO install -m 0700 -o root -g root "$here/deskpdf-backend" "$backend"  # 0700: cupsd runs it as root
fi
if ! lpstat -v desk-test-pdfdirect >/dev/null 2>&1; then
  $SUDO lpadmin -p desk-test-pdfdirect -v deskpdf:/ -P "$here/desk-pdf.ppd" -E 2>/dev/null
fi

if [ -x /usr/lib/cups/backend/cups-pdf ]; then
  conf=/etc/cups/cups-pdf-desktest.conf
  want=$'Out /var/spool/cups-pdf/desktest\nAnonDirName /var/spool/cups-pdf/desktest\nLabel 1\nTitlePref 0'
  if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    printf '%s\n' "$want" | $SUDO tee "$conf" >/dev/null
  fi
  if ! lpstat -v desk-test-cupspdf >/dev/null 2>&1; then
    $SUDO lpadmin -p desk-test-cupspdf -v cups-pdf:/desktest -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -E \
      2>/dev/null
  fi
else
  echo "cups-pdf is not installed (apt-get install printer-driver-cups-pdf)"; exit 1
fi
$SUDO cupsenable desk-test-pdfdirect desk-test-cupspdf
$SUDO cupsaccept desk-test-pdfdirect desk-test-cupspdf
echo "virtual printers ready: desk-test-pdfdirect, desk-test-cupspdf"
