#!/bin/sh
# Copyright 2026 the k1s authors. Apache-2.0 license.
# Installs etcd (server and etcdctl) from Debian when `etcd` is not on PATH, for the etcd
# storage tests and benchmark. Idempotent; needs root or sudo for apt-get.
set -eu

if command -v etcd >/dev/null 2>&1; then
  etcd --version | head -n 1
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "etcd is not installed and apt-get is not available: install etcd 3.4 or later by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "etcd is not installed and installing it needs root (no sudo found)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends etcd-server etcd-client >/dev/null
# The package starts a system etcd on 2379 under systemd; the tests start their own members
# on free ports, so it is left alone.
etcd --version | head -n 1
