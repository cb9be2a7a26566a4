#!/usr/bin/env bash
# Makes a CDS client JWT for a local test issuer, as an EHR signs one (CDS Hooks 2.0, "Trusting CDS Clients").
# Needs bash and openssl only. For testing: real EHRs sign with their own keys.
#
#   docs/scripts/make-test-jwt.sh [-d DIR] [-i ISS] [-s SUB] [-k KID] [-t SECONDS] [-j JKU] AUD
#
#   AUD  the exact URL the token is for: hsg.security.external-base-url (or the URL the service is reached at)
#        followed by the path called, e.g. https://cds.hospital.example/cds-services/hsg-order-sign
#   -d   folder for the issuer's key (made on first use: DIR/key.pem, RSA 2048) and its public JWKS
#        (DIR/jwks.json, to be served at the issuer's jwks-url); default ./test-issuer
#   -i   iss (default https://ehr.test.local); configure the same in hsg.security.issuers[N].iss
#   -s   sub, the client id (default: the iss)
#   -k   kid (default test-key-1; the key is named so in jwks.json when it is made)
#   -t   lifetime in seconds (default 240; the service refuses exp more than 5 minutes ahead)
#   -j   put this jku in the header (the service refuses a jku not listed for the issuer)
#
# Prints the token (header.payload.signature) on standard output. Signed RS384; a fresh jti every time,
# since the service refuses a jti it has seen. Example:
#   TOKEN=$(docs/scripts/make-test-jwt.sh http://127.0.0.1:8080/cds-services)
#   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/cds-services
set -euo pipefail

dir=./test-issuer
iss=https://ehr.test.local
sub=
kid=test-key-1
lifetime=240
jku=
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "d:i:s:k:t:j:h" option; do
  case "$option" in
    d) dir=$OPTARG ;;
    i) iss=$OPTARG ;;
    s) sub=$OPTARG ;;
    k) kid=$OPTARG ;;
    t) lifetime=$OPTARG ;;
    j) jku=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
aud=$1
sub=${sub:-$iss}
case "$lifetime" in ''|*[!0-9]*) echo "-t must be a number of seconds" >&2; exit 2 ;; esac

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# JSON string: backslash and double quote escaped (the values here are URLs and ids)
json() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }

mkdir -p "$dir"
if [ ! -s "$dir/key.pem" ]; then
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/key.pem" 2>/dev/null)
  modulus=$(openssl rsa -in "$dir/key.pem" -noout -modulus | sed 's/^Modulus=//')
  # the modulus as unsigned big-endian bytes, base64url (the exponent is 65537, "AQAB")
  n=$(printf '%b' "$(printf '%s' "$modulus" | sed 's/../\\x&/g')" | b64url)
  printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS384","kid":%s,"n":"%s","e":"AQAB"}]}\n' \
    "$(json "$kid")" "$n" > "$dir/jwks.json"
  echo "made a key for $iss: serve $dir/jwks.json at the jwks-url you configure" >&2
fi

now=$(date +%s)
jti=$(openssl rand -hex 16)
header="{\"alg\":\"RS384\",\"typ\":\"JWT\",\"kid\":$(json "$kid")"
[ -n "$jku" ] && header="$header,\"jku\":$(json "$jku")"
header="$header}"
payload="{\"iss\":$(json "$iss"),\"sub\":$(json "$sub"),\"aud\":$(json "$aud"),\"iat\":$now,\"exp\":$((now + lifetime)),\"jti\":\"$jti\"}"
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha384 -sign "$dir/key.pem" -binary | b64url)
printf '%s.%s\n' "$signing_input" "$signature"
