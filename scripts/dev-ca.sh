#!/usr/bin/env bash
# Development certificates for mutual TLS between clients and silos (Actors:Tls): a private CA, one certificate
# every silo uses (for the name actors-silo, plus localhost and 127.0.0.1; server and client use, since silos also
# connect to each other), and one client certificate (client use only). For development and tests only: the keys
# are written unencrypted and readable by everyone, so that containers running as non-root users can read them.
#
#   scripts/dev-ca.sh [--dir DIR] [--days N] [--force]
#
# Writes DIR/ca.pem, ca.key, silo.pem, silo.key, client.pem, client.key (DIR defaults to ./certs). Refuses to
# overwrite existing files without --force. Needs openssl. Exit codes: 0 ok, 1 openssl failed, 2 bad arguments.
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "dev-ca: $1" >&2; exit "${2:-1}"; }
need() { [ "$2" -ge 2 ] && [[ "$3" != --* ]] || { usage >&2; die "$1 needs a value" 2; }; }

dir=certs; days=825; force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) need "$1" $# "${2:-}"; dir="$2"; shift 2 ;;
    --days) need "$1" $# "${2:-}"; days="$2"; shift 2 ;;
    --force) force=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" 2 ;;
  esac
done
[[ "$days" =~ ^[1-9][0-9]{0,4}$ ]] || die "--days '$days': a number of days from 1 to 99999" 2
command -v openssl >/dev/null || die "openssl is not installed (apt-get install -y openssl)"
mkdir -p "$dir"
if [ "$force" -eq 0 ]; then
  for f in ca.pem ca.key silo.pem silo.key client.pem client.key; do
    [ ! -e "$dir/$f" ] || die "$dir/$f exists; give --force to replace the certificates" 2
  done
fi

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
quiet() { "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; die "openssl failed: $*"; }; }

quiet openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
  -subj "/CN=Actors development CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

issue() { # name subject extendedKeyUsage [subjectAltName]
  local name="$1" subject="$2" usage="$3" san="${4:-}"
  quiet openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$subject" -keyout "$work/$name.key" -out "$work/$name.csr"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } > "$work/$name.ext"
  quiet openssl x509 -req -in "$work/$name.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -days "$days" -extfile "$work/$name.ext" -out "$work/$name.pem"
}

issue silo "/CN=actors-silo" "serverAuth,clientAuth" "DNS:actors-silo,DNS:localhost,IP:127.0.0.1"
issue client "/CN=actors-client" "clientAuth"

for f in ca.pem ca.key silo.pem silo.key client.pem client.key; do
  cp "$work/$f" "$dir/$f"
done
chmod 644 "$dir"/*.pem "$dir"/*.key
echo "dev-ca: wrote $dir/{ca,silo,client}.{pem,key} (valid $days days)"
