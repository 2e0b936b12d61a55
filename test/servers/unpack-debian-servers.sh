#!/usr/bin/env bash
# Unpacks the Debian server packages that cannot be installed beside Dovecot and Postfix (their
# packages conflict) into a private folder, where test/servers/*.ts run them: nothing is installed,
# no service is started, and Dovecot and Postfix stay as they are. Run as root on Debian 12.
set -euo pipefail

target="${MAILBAG_UNPACKED_SERVERS:-/opt/mailbag-test-servers}"
packages=(popa3d solid-pop3d exim4-daemon-light)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$target"
cd "$work"
for package in "${packages[@]}"; do
  version="$(apt-cache policy "$package" | awk '/Candidate:/ { print $2 }')"
  if [ -z "$version" ] || [ "$version" = "(none)" ]; then
    apt-get update -qq
    version="$(apt-cache policy "$package" | awk '/Candidate:/ { print $2 }')"
  fi
  stamp="$target/$package/.debian-version"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
    continue
  fi
  echo "Unpacking $package $version into $target/$package"
  apt-get download -qq "$package" 2>/dev/null
  rm -rf "${target:?}/$package"
  mkdir -p "$target/$package"
  dpkg-deb -x "$package"_*.deb "$target/$package"
  echo "$version" > "$stamp"
done
