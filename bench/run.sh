#!/usr/bin/env bash
# Runs the FitnessCRM load benchmark end to end on this machine:
#   1. builds the JVM app if target/quarkus-app/quarkus-run.jar is missing (BUILD=1 forces it),
#   2. generates a throwaway RSA key pair for the JWTs,
#   3. starts the prod jar on 127.0.0.1:$BENCH_PORT (default 8089) with raised rate limits,
#   4. waits for /q/health/ready, runs `node bench/run.mjs`, and stops the server.
#   Before the server it starts bench/fake-providers.mjs on 127.0.0.1:$FAKE_PORT (default 8095), a local Google
#   (OAuth + Health API v4) and Strava, and points the server's GOOGLE_* / STRAVA_* settings at it (the wearables
#   backfill phase and reads); it is stopped with the server.
# `bench/run.sh load` (or MODE=load) runs the launch load test instead: the server keeps its DEFAULT rate limits
# and trusts no proxy (TRUSTED_PROXIES unset), and `node bench/load.mjs` plays 100 users of one studio.
# Everything talks to loopback addresses only. PostgreSQL (127.0.0.1:5432) and
# Redis (127.0.0.1:6379) must already be running; this script does not start them.
#
# Environment (all optional):
#   BENCH_PORT=8089        port of the benchmarked server
#   BENCH_TIMEOUT=1800     hard limit in seconds for the whole node benchmark
#   FAKE_PORT=8095         port of the fake providers (bench mode)
#   KEEP_SERVER_LOG=<file> keep a copy of the server log there
#   READY_TIMEOUT=180      seconds to wait for /q/health/ready
#   BUILD=0|1              1 = always rebuild the jar first
#   JAVA_OPTS              extra JVM options for the server (e.g. -Xmx1g)
#   BENCH_SCHEMA=fitnesscrm_bench   PostgreSQL schema of the benchmarked server
#   DATABASE_URL, REDIS_URL, MAIL_SERVER, MAIL_PORT   override the loopback defaults
#   DURATION, CONNECTIONS, WARMUP, PREWARM, SETTLE, SETTLE_MAX, CLIENTS, PAYMENTS, TIMEOUT, ONLY, ...  passed through to bench/run.mjs
#   The server gets a throwaway STRIPE_WEBHOOK_SECRET (also given to run.mjs, which signs the webhook events with it),
#   a dummy STRIPE_SECRET_KEY and STRIPE_API_BASE=http://127.0.0.1:9 (a closed loopback port): no call leaves the machine.
#   MODE=bench|load        bench (default) or the launch load test; the first argument wins when given
#   LOAD_DURATION, RAMP_UP, THINK_MIN, THINK_MAX, ...  passed through to bench/load.mjs (see its header)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MODE="${1:-${MODE:-bench}}"
case "$MODE" in
  bench|load) ;;
  *) printf '[bench/run.sh] ERROR: unknown mode %s (bench or load)\n' "$MODE" >&2; exit 2 ;;
esac

BENCH_PORT="${BENCH_PORT:-8089}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
BASE_URL="http://127.0.0.1:${BENCH_PORT}"
FAKE_PORT="${FAKE_PORT:-8095}"
FAKE_URL="http://127.0.0.1:${FAKE_PORT}"
JAR="target/quarkus-app/quarkus-run.jar"

# The benchmark keeps its tables in their own schema of the local "postgres" database.
# BENCH_SCHEMA picks another schema, e.g. for a branch whose migrations differ from the one that filled the default.
BENCH_SCHEMA="${BENCH_SCHEMA:-fitnesscrm_bench}"
[[ "$BENCH_SCHEMA" =~ ^[a-z_][a-z0-9_]*$ ]] || { printf '[bench/run.sh] ERROR: BENCH_SCHEMA must be a plain lower-case name\n' >&2; exit 2; }
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?currentSchema=${BENCH_SCHEMA},public}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
MAIL_SERVER="${MAIL_SERVER:-127.0.0.1}"
MAIL_PORT="${MAIL_PORT:-2525}"

log() { printf '[bench/run.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Only loopback targets: host part of a URL (or a bare host) must be 127.x, localhost or ::1.
is_loopback_host() {
  case "$1" in
    127.*|localhost|::1|'[::1]') return 0 ;;
    *) return 1 ;;
  esac
}
url_host() {
  # scheme://[user[:pass]@]host[:port][/...] -> host
  local rest="${1#*://}"
  rest="${rest%%/*}"
  rest="${rest##*@}"
  case "$rest" in
    \[*) printf '%s\n' "${rest%%]*}]" ;;
    *) printf '%s\n' "${rest%%:*}" ;;
  esac
}
for pair in "DATABASE_URL=$(url_host "$DATABASE_URL")" "REDIS_URL=$(url_host "$REDIS_URL")" "MAIL_SERVER=$MAIL_SERVER"; do
  is_loopback_host "${pair#*=}" || die "${pair%%=*} must point at a loopback address (got '${pair#*=}')"
done

for tool in java node openssl curl timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required"
done

# Dependencies must be reachable before we start anything.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
db_host="$(url_host "$DATABASE_URL")"
db_port="$(printf '%s' "${DATABASE_URL#*://}" | sed -E 's#^([^@/]*@)?(\[[^]]*\]|[^:/]*)(:([0-9]+))?.*#\4#')"
port_open "${db_host//[\[\]]/}" "${db_port:-5432}" || die "PostgreSQL is not reachable at ${db_host}:${db_port:-5432}"
redis_host="$(url_host "$REDIS_URL")"
redis_port="$(printf '%s' "${REDIS_URL#*://}" | sed -E 's#^([^@/]*@)?(\[[^]]*\]|[^:/]*)(:([0-9]+))?.*#\4#')"
port_open "${redis_host//[\[\]]/}" "${redis_port:-6379}" || die "Redis is not reachable at ${redis_host}:${redis_port:-6379}"
if port_open 127.0.0.1 "$BENCH_PORT"; then
  die "port ${BENCH_PORT} is already in use on 127.0.0.1; set BENCH_PORT"
fi
if [[ "$MODE" == bench ]] && port_open 127.0.0.1 "$FAKE_PORT"; then
  die "port ${FAKE_PORT} (the fake providers) is already in use on 127.0.0.1; set FAKE_PORT"
fi

# 1. Build (JVM mode) when needed.
if [[ "${BUILD:-0}" == "1" || ! -f "$JAR" ]]; then
  if [[ -x ./mvnw ]]; then MVN=(./mvnw); else MVN=(mvn); fi
  log "building with ${MVN[*]} -B package -DskipTests"
  timeout 1800 "${MVN[@]}" -B package -DskipTests
fi
[[ -f "$JAR" ]] || die "$JAR not found after the build"

# Benchmark dependencies (autocannon), pinned by bench/package-lock.json.
if [[ ! -d bench/node_modules/autocannon ]]; then
  log "installing bench dependencies (npm ci)"
  (cd bench && npm ci --no-audit --no-fund)
fi

# 2. Throwaway JWT keys.
WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/fitnesscrm-bench.XXXXXX")"
SERVER_PID=""
FAKE_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop in 30 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$FAKE_PID" ]] && kill -0 "$FAKE_PID" 2>/dev/null; then
    log "stopping the fake providers (pid $FAKE_PID)"
    kill -TERM "$FAKE_PID" 2>/dev/null || true
    for _ in $(seq 1 10); do
      kill -0 "$FAKE_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$FAKE_PID" 2>/dev/null || true
    wait "$FAKE_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f "$WORKDIR/server.log" ]]; then
    log "last lines of the server log:"
    tail -n 40 "$WORKDIR/server.log" >&2 || true
  fi
  if [[ $rc -ne 0 && -s "$WORKDIR/fake.log" ]]; then
    log "last lines of the fake providers' log:"
    tail -n 20 "$WORKDIR/fake.log" >&2 || true
  fi
  if [[ -n "${KEEP_SERVER_LOG:-}" && -f "$WORKDIR/server.log" ]]; then
    cp "$WORKDIR/server.log" "$KEEP_SERVER_LOG" || true
  fi
  rm -rf "$WORKDIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORKDIR/jwt-private.pem" 2>/dev/null
openssl pkey -in "$WORKDIR/jwt-private.pem" -pubout -out "$WORKDIR/jwt-public.pem" 2>/dev/null
# A throwaway webhook signing secret: the server verifies with it, bench/run.mjs signs its Stripe events with it.
STRIPE_WEBHOOK_SECRET="whsec_bench_$(openssl rand -hex 24)"

# 3. Start the prod jar, bound to loopback only: with the rate limits raised for the throughput benchmark, at
#    their defaults for the load test. No proxy is trusted in either: the load test gives each user its own source
#    address, and a trusted X-Forwarded-For would let the script choose the address the limiter counts.
UNSET=(-u TRUSTED_PROXIES)
# Stripe and the wearable providers: only what is set below; whatever STRIPE_*, GOOGLE_* or STRAVA_* the caller's
# environment holds (a real key, a real provider's address) is removed.
while read -r name; do UNSET+=(-u "$name"); done < <(compgen -e | grep -E '^(STRIPE|GOOGLE|STRAVA)_' || true)
# The wearable providers: in bench mode the local fakes (bench/fake-providers.mjs), with throwaway client secrets
# that the fake checks; loopback only. The load test configures none (connecting would answer 503).
WEARABLES=()
if [[ "$MODE" == bench ]]; then
  GOOGLE_SECRET="GOCSPX-bench-$(openssl rand -hex 12)"
  STRAVA_SECRET="strava-bench-$(openssl rand -hex 12)"
  WEARABLES=(GOOGLE_HEALTH_CLIENT_ID=fitnesscrm-bench.apps.googleusercontent.com
             GOOGLE_HEALTH_CLIENT_SECRET="$GOOGLE_SECRET"
             GOOGLE_HEALTH_API_BASE="${FAKE_URL}/v4"
             GOOGLE_OAUTH_AUTH_BASE="$FAKE_URL"
             GOOGLE_OAUTH_TOKEN_BASE="$FAKE_URL"
             STRAVA_CLIENT_ID=424242
             STRAVA_CLIENT_SECRET="$STRAVA_SECRET"
             STRAVA_API_BASE="${FAKE_URL}/api/v3"
             STRAVA_AUTH_BASE="$FAKE_URL")
  log "starting the fake providers (Google Health, Strava) on ${FAKE_URL} (log: $WORKDIR/fake.log)"
  env "${UNSET[@]}" FAKE_PORT="$FAKE_PORT" FAKE_HOST=127.0.0.1 "${WEARABLES[@]}" \
    node bench/fake-providers.mjs >"$WORKDIR/fake.log" 2>&1 &
  FAKE_PID=$!
  fake_deadline=$((SECONDS + 15))
  until curl -fsS -o /dev/null --max-time 2 "${FAKE_URL}/__stats" 2>/dev/null; do
    kill -0 "$FAKE_PID" 2>/dev/null || die "the fake providers exited during startup: $(tail -n 5 "$WORKDIR/fake.log")"
    (( SECONDS < fake_deadline )) || die "the fake providers did not answer on ${FAKE_URL} in 15 s"
    sleep 0.2
  done
fi
if [[ "$MODE" == load ]]; then
  LIMITS=()
  # Whatever RATE_LIMIT_* the caller's environment holds, the server gets its defaults.
  while read -r name; do UNSET+=(-u "$name"); done < <(compgen -e | grep '^RATE_LIMIT_' || true)
  log "load test: rate limits at their defaults, TRUSTED_PROXIES unset"
else
  LIMITS=(RATE_LIMIT_AUTH_PER_MINUTE=1000000 RATE_LIMIT_API_PER_MINUTE=10000000
          RATE_LIMIT_USER_PER_MINUTE=10000000 RATE_LIMIT_IP_PER_MINUTE=10000000)
  log "rate limits raised for the benchmark: ${LIMITS[*]}"
fi
log "starting $JAR on ${BASE_URL} (log: $WORKDIR/server.log)"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
env "${UNSET[@]}" \
  QUARKUS_PROFILE=prod \
  PORT="$BENCH_PORT" \
  QUARKUS_HTTP_HOST=127.0.0.1 \
  MANAGEMENT_HOST=127.0.0.1 \
  DATABASE_URL="$DATABASE_URL" \
  JWT_PRIVATE_KEY="$(cat "$WORKDIR/jwt-private.pem")" \
  JWT_KEY_ID=bench \
  ENCRYPTION_KEY="$(openssl rand -base64 32)" \
  APP_BASE_URL="$BASE_URL" \
  CORS_ORIGINS=http://localhost:5173 \
  REDIS_URL="$REDIS_URL" \
  MAIL_SERVER="$MAIL_SERVER" \
  MAIL_PORT="$MAIL_PORT" \
  MAIL_DEFAULT_SENDER=bench@localhost \
  "${LIMITS[@]}" \
  STRIPE_WEBHOOK_SECRET="$STRIPE_WEBHOOK_SECRET" \
  STRIPE_SECRET_KEY=sk_test_bench \
  STRIPE_API_BASE=http://127.0.0.1:9 \
  "${WEARABLES[@]}" \
  QUARKUS_FLYWAY_SCHEMAS="$BENCH_SCHEMA" \
  QUARKUS_FLYWAY_DEFAULT_SCHEMA="$BENCH_SCHEMA" \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$WORKDIR/server.log" 2>&1 &
SERVER_PID=$!

# 4. Wait for readiness (bounded), then benchmark (bounded).
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null --max-time 5 "${BASE_URL}/q/health/ready" 2>/dev/null; do
  kill -0 "$SERVER_PID" 2>/dev/null || die "server exited during startup"
  (( SECONDS < deadline )) || die "server not ready after ${READY_TIMEOUT} s"
  sleep 1
done
log "server ready"

if [[ "$MODE" == load ]]; then
  API_URL="$BASE_URL" timeout --kill-after=10 "$BENCH_TIMEOUT" node bench/load.mjs
  log "done; report in ${RESULTS_FILE:-bench/results/load.md}"
else
  SERVER_PID="$SERVER_PID" API_URL="$BASE_URL" STRIPE_WEBHOOK_SECRET="$STRIPE_WEBHOOK_SECRET" FAKE_URL="$FAKE_URL" \
    timeout --kill-after=10 "$BENCH_TIMEOUT" node bench/run.mjs
  log "done; report in ${RESULTS_FILE:-bench/results/latest.md}"
fi
