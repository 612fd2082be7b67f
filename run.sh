#!/usr/bin/env bash
# Installs what is missing, builds the solution, and runs the AppHost: every server of the app model starts on free
# loopback ports, and once all are up the AppHost prints each resource, its state and its addresses (and how long the
# cold start took). Ctrl+C stops everything.
#   ./run.sh                                   DevKafka (in memory, development only) as Kafka
#   ConnectionStrings__kafka=host:9092 ./run.sh   an existing Kafka cluster instead
set -euo pipefail
cd "$(dirname "$0")"

eng/install-prerequisites.sh

configuration=${CONFIGURATION:-Release}
echo "run.sh: building Monitoring.sln ($configuration)"
dotnet build Monitoring.sln -c "$configuration" -nologo -v quiet

# exec: Ctrl+C and SIGTERM reach the AppHost itself, which stops its servers gracefully.
exec dotnet "AppHost/bin/$configuration/net10.0/Monitoring.AppHost.dll" "$@"
