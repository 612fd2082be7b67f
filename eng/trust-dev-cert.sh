#!/usr/bin/env bash
# Makes sure this user has an ASP.NET Core HTTPS development certificate that OpenSSL trusts, so the AppHost and the
# Aspire dashboard find a trusted one (without it the dashboard shows a red "No trusted development certificate"
# banner). Per user, no root needed; idempotent.
# On Linux `dotnet dev-certs https --trust` writes the certificate to ~/.aspnet/dev-certs/trust, which OpenSSL reads
# only when SSL_CERT_DIR names it: source this script (run.sh does) to get that variable.
# Containers and CI runners often have no USER (or LOGNAME): name the user from the process itself.
user_name=${USER:-${LOGNAME:-$(id -un)}}
trust_dir="$HOME/.aspnet/dev-certs/trust"
export SSL_CERT_DIR="$trust_dir:${SSL_CERT_DIR:-/usr/lib/ssl/certs}"
if ! dotnet dev-certs https --check --trust >/dev/null 2>&1; then
  echo "trust-dev-cert: creating and trusting an HTTPS development certificate for $user_name (dotnet dev-certs https --trust)"
  # It reports an error because browsers' own stores are not updated; OpenSSL's (the one .NET and DCP use) is.
  dotnet dev-certs https --trust >/dev/null 2>&1 || true
  if ! dotnet dev-certs https --check --trust >/dev/null 2>&1; then
    echo "trust-dev-cert: the development certificate is still not trusted; the dashboard will show a certificate banner." >&2
  fi
fi
