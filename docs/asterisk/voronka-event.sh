#!/bin/sh
# Sends one call event to Voronka's generic PBX webhook, signed the Standard Webhooks way.
# Called from the Asterisk dialplan (docs/asterisk/extensions_voronka.conf); needs curl, openssl, xxd.
#
#   voronka-event.sh TYPE CALL_ID DIRECTION FROM TO EXTENSION [DURATION] [DIALSTATUS] [RECORDING_URL]
#
# TYPE: call.ringing | call.answered | call.ended | call.recording; DIRECTION: in | out | internal.
# DIALSTATUS is Asterisk's (ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL) and becomes `result`.
# Configuration: VORONKA_URL (default below) and the secret in VORONKA_SECRET_FILE (TELEPHONY_WEBHOOK_SECRET).
set -eu

URL="${VORONKA_URL:-https://crm.example.ru/hooks/telephony/generic}"
SECRET="$(cat "${VORONKA_SECRET_FILE:-/etc/asterisk/voronka.secret}")"

# Only what JSON and the shell cannot be confused by: caller IDs come from outside.
keep() { printf '%s' "$1" | tr -cd "$2"; }
type=$(keep "$1" 'a-z.'); call_id=$(keep "$2" '0-9A-Za-z._-'); direction=$(keep "$3" 'a-z')
from=$(keep "$4" '0-9+'); to=$(keep "$5" '0-9+'); extension=$(keep "$6" '0-9')
duration=$(keep "${7:-}" '0-9'); recording=$(keep "${9:-}" '0-9A-Za-z:/._%?=&-')
case "${8:-}" in
  ANSWER) result=answered ;; BUSY) result=busy ;; NOANSWER|CANCEL) result=missed ;;
  CONGESTION|CHANUNAVAIL|DONTCALL|TORTURE|INVALIDARGS) result=failed ;; *) result= ;;
esac
case "$type" in call.ringing|call.answered|call.ended|call.recording) ;; *) echo "unknown type $type" >&2; exit 2 ;; esac

ts=$(date +%s)
id="msg_${call_id}_${type}"
body=$(printf '{"type":"%s","call_id":"%s","direction":"%s","from":"%s","to":"%s","extension":"%s","timestamp":%s,"duration":"%s","result":"%s","recording_url":"%s"}' \
  "$type" "$call_id" "$direction" "$from" "$to" "$extension" "$ts" "$duration" "$result" "$recording")

# A whsec_ secret is base64 of the key bytes; any other secret is the key as text.
case "$SECRET" in
  whsec_*) key=$(printf '%s' "${SECRET#whsec_}" | base64 -d | xxd -p -c 256) ;;
  *) key=$(printf '%s' "$SECRET" | xxd -p -c 256) ;;
esac
sig=$(printf '%s' "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)

# Retries reuse the same webhook-id: Voronka applies the event once.
exec curl -sS --max-time 5 --retry 3 --retry-all-errors -o /dev/null -w '%{http_code}\n' \
  -H 'content-type: application/json' -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" \
  --data-binary "$body" "$URL"
