#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the build needs, builds,
# then runs the whole suite. (kubectl tests run when kubectl is on the PATH.)
set -euo pipefail
cd "$(dirname "$0")/.."
hack/install-deps.sh
command -v swift >/dev/null 2>&1 || { echo "kai-operator: Swift 6.1 or newer is required (https://www.swift.org/install)" >&2; exit 1; }
swift build --build-tests
swift test --skip-build "$@"
