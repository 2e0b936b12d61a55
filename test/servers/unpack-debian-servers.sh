#!/usr/bin/env bash
# Unpacks the Debian server packages that cannot be installed beside Dovecot and Postfix (their
# packages conflict) into a private folder, where test/servers/*.ts run them: nothing is installed,
# no service is started, and Dovecot and Postfix stay as they are. Run as root on Debian 12.
set -euo pipefail

target="${MAILBAG_UNPACKED_SERVERS:-/opt/mailbag-test-servers}"
# folder=package[,package...]: the packages of one server are unpacked into one folder.
servers=(
  popa3d=popa3d
  solid-pop3d=solid-pop3d
  exim4-daemon-light=exim4-daemon-light
  opensmtpd=opensmtpd
  courier=courier-pop,courier-base,courier-authlib,courier-authdaemon,libcourier-unicode4
  cyrus=cyrus-common,cyrus-pop3d,sasl2-bin
)

candidate() {
  apt-cache policy "$1" | awk '/Candidate:/ { print $2 }'
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$target"
cd "$work"
for server in "${servers[@]}"; do
  folder="${server%%=*}"
  IFS=',' read -r -a packages <<< "${server#*=}"
  versions=""
  for package in "${packages[@]}"; do
    version="$(candidate "$package")"
    if [ -z "$version" ] || [ "$version" = "(none)" ]; then
      apt-get update -qq
      version="$(candidate "$package")"
    fi
    versions="$versions $package=$version"
  done
  stamp="$target/$folder/.debian-versions"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$versions" ]; then
    continue
  fi
  echo "Unpacking${versions} into $target/$folder"
  rm -rf "${target:?}/$folder" ./*.deb
  mkdir -p "$target/$folder"
  for package in "${packages[@]}"; do
    apt-get download -qq "$package" 2>/dev/null
    dpkg-deb -x "$package"_*.deb "$target/$folder"
  done
  echo "$versions" > "$stamp"
done
