#!/bin/sh
# Install what the browser tests (pytest -m browser) need, if missing:
#   Debian's chromium + chromium-driver (apt), and the selenium package in the venv.
# Never downloads a browser from elsewhere (no `playwright install`, no Selenium Manager).
# Usage: scripts/install_browser.sh [PYTHON]   (default: .venv/bin/python)
set -eu
PY="${1:-.venv/bin/python}"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""
        if [ "$(id -u)" != "0" ]; then
            if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
                echo "install_browser: need root (or sudo) to apt-get install chromium chromium-driver" >&2; exit 0
            fi
        fi
        echo "install_browser: installing chromium and chromium-driver (apt)" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "install_browser: no apt-get; install chromium and chromedriver yourself (browser tests will skip)" >&2
    fi
fi

if [ -x "$PY" ] || command -v "$PY" >/dev/null 2>&1; then
    if ! "$PY" -c "import selenium" >/dev/null 2>&1; then
        echo "install_browser: installing selenium into $PY" >&2
        "$PY" -m pip install -q "selenium>=4.10"
    fi
fi
command -v chromium >/dev/null 2>&1 && chromium --version 2>/dev/null | head -n 1 >&2 || true
