#!/usr/bin/env bash
# Installs what is missing, builds the solution, and runs the AppHost with `dotnet run` (its http launch profile):
# Aspire's orchestrator (DCP) starts every server and service on loopback ports, the Aspire dashboard starts too, and
# the AppHost prints the dashboard's login URL, then, once every resource is healthy, each resource with its state and
# URLs and the cold start time. Ctrl+C stops everything.
#   ./run.sh                                        DevKafka (in memory, development only) as Kafka
#   ConnectionStrings__kafka=host:9092 ./run.sh     an existing Kafka cluster instead
set -euo pipefail
cd "$(dirname "$0")"

eng/install-prerequisites.sh
# A trusted HTTPS development certificate, and SSL_CERT_DIR so that OpenSSL (.NET, DCP) sees it.
source eng/trust-dev-cert.sh

configuration=${CONFIGURATION:-Release}
echo "run.sh: building MonitoringStack.sln ($configuration)"
dotnet build MonitoringStack.sln -c "$configuration" -nologo -v quiet

# exec: Ctrl+C reaches `dotnet run` and the AppHost, which stops every resource it started.
exec dotnet run --project AppHost --no-build -c "$configuration" --launch-profile http -- "$@"
