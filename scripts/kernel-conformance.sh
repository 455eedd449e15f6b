#!/usr/bin/env bash
# Runs Jupyter's kernel conformance suite (jupyter_kernel_test, Debian package
# python3-jupyter-kernel-test) against the reglab kernel of this checkout. The kernel spec goes
# into a temporary Jupyter data directory, so the user's Jupyter is untouched. Needs a build.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${REGLAB_PYTHON:-/usr/bin/python3}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
node dist/cli/kernel.js install --data-dir "$data" >/dev/null
# the kernel starts in this folder: its launcher finds node_modules/reglab (the self link)
JUPYTER_PATH="$data" JUPYTER_DATA_DIR="$data" "$PYTHON" test/kernel/conformance.py -v "$@"
