#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium, driven by Playwright through
# executablePath (Playwright's own browser download does not work offline), and the
# Mosquitto programs the protocol tests run as real peers (mosquitto, mosquitto_pub,
# mosquitto_sub, mosquitto_passwd), and nginx, the reverse proxy of the fleet's browser test
# (scripts/fleet.ts; Debian starts its own default site on install, which is stopped), and
# nats-server, the broker cluster the cluster test starts as three processes (its own ports), and
# poppler-utils (pdftotext, pdftoppm), which read the PDF report back as a reader's viewer would.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v mosquitto >/dev/null && command -v mosquitto_passwd >/dev/null || need+=(mosquitto)
command -v mosquitto_pub >/dev/null && command -v mosquitto_sub >/dev/null || need+=(mosquitto-clients)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || need+=(nats-server)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present); $(mosquitto -h 2>/dev/null | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null || { echo "need root or sudo to apt-get install ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q "${need[@]}"
if [[ " ${need[*]} " == *" nginx-light "* ]]; then $SUDO service nginx stop >/dev/null 2>&1 || true; fi
# Debian's package starts its own server; the tests start theirs on other ports and leave it be.
/usr/bin/chromium --version
