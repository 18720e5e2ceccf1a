#!/usr/bin/env bash
# The quickstart: builds and starts kai-sandbox (a local API server, the kernel
# API and Prometheus stand-ins, and the operator) with the samples applied.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/install-deps.sh
command -v swift >/dev/null 2>&1 || { echo "kai-operator: Swift 6.1 or newer is required (https://www.swift.org/install)" >&2; exit 1; }
swift build --product kai-sandbox
exec "$(swift build --show-bin-path)/kai-sandbox" "$@"
