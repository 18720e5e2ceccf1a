#!/usr/bin/env bash
# Installs the system libraries the build links against (libcurl with OpenSSL,
# libyaml) when they are missing; says what to install when it cannot.
set -euo pipefail

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
