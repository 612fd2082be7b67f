#!/usr/bin/env bash
# Installs the Debian packages the template needs, and only those that are missing. Idempotent: a machine
# that has them all is left untouched and no package index is downloaded.
# Installing does not start any server: the tests and the AppHost start their own instances on free
# loopback ports with their own config and data folders.
set -euo pipefail

# package -> why the project needs it
declare -A needed=(
  [prometheus-pushgateway]="the metrics cache replicas that services push to"
  [prometheus]="scrapes the metrics cache"
  [influxdb]="InfluxDB 1.x, where request/WebSocket/Redis points are written"
  [redis-server]="Redis: pub/sub between the sample services, started by the AppHost (AddRedisServer)"
  [util-linux]="setpriv: servers the tests start die with the test process"
  [curl]="health probes in scripts"
  [kcat]="Kafka command-line client: inspect DevKafka (kcat -L -b BOOTSTRAP); the tests list its metadata with it"
  [chromium]="the browser the web producer's Development page is tested in (Playwright drives it)"
)

missing=()
for package in "${!needed[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-prerequisites: all Debian packages present (${!needed[*]})"
  exit 0
fi

echo "install-prerequisites: installing missing Debian packages:"
for package in "${missing[@]}"; do echo "  $package - ${needed[$package]}"; done

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-prerequisites: cannot install ${missing[*]}: not root and no password-less sudo." >&2
  echo "  Run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Another apt (unattended upgrades, a second shell) may hold the lock: wait up to 5 minutes for it instead of failing.
apt_wait=(-o DPkg::Lock::Timeout=300)
if ! "${as_root[@]}" apt-get "${apt_wait[@]}" update -qq; then
  echo "install-prerequisites: 'apt-get update' failed; check the Debian package sources." >&2
  exit 1
fi
if ! "${as_root[@]}" apt-get "${apt_wait[@]}" install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "install-prerequisites: 'apt-get install ${missing[*]}' failed (see apt's message above)." >&2
  exit 1
fi
echo "install-prerequisites: installed ${missing[*]}"
