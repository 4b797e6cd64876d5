#!/usr/bin/env sh
# Install the headless browser used by tests/review/test_browser.py (Debian/Ubuntu).
# Idempotent: does nothing when /usr/bin/chromium is already there.
# Playwright drives this system Chromium; never run `playwright install` (no internet in CI).
# Also installs a small CJK font so screenshots show Chinese text instead of boxes.
set -eu

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "error: need root (or sudo) to apt-get install chromium" >&2; exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium fonts-wqy-zenhei
/usr/bin/chromium --version || true
