#!/usr/bin/env bash
# Operator commands of the FitnessCRM API (docs/operations.md). They run the packaged application with the
# production environment (storage, keys, DATABASE_URL) but without the server: no HTTP listener, no scheduled jobs,
# no migrations.
#
#   RESTORE_TARGET_URL=postgres://user@host:5432/db PGPASSWORD=... deploy/ops.sh restore <backup-id>
#   deploy/ops.sh restore <backup-id> --target <database-url>      (a password in it is visible to `ps`)
#       Restores an encrypted backup from storage into an EMPTY database and checks every table's row count and
#       primary-key checksum against the backup's manifest. Needs BACKUP_ENCRYPTION_KEY (and BACKUP_PREVIOUS_KEYS
#       for backups taken before a rotation) and the storage variables; the source database is not needed.
#   deploy/ops.sh rotate-secrets
#       Re-seals every stored secret still sealed with a key listed in ENCRYPTION_KEY_PREVIOUS with ENCRYPTION_KEY.
#
# APP picks the application: the native executable (./application in the container) or the JVM jar
# (target/quarkus-app/quarkus-run.jar after ./mvnw package); JAVA picks the java binary for the jar.
set -euo pipefail

[ $# -ge 1 ] || { sed -n '2,17p' "$0"; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "${APP:-}" ]; then
  for candidate in "$here/application" "$here/../target/quarkus-app/quarkus-run.jar"; do
    if [ -e "$candidate" ]; then APP="$candidate"; break; fi
  done
fi
[ -n "${APP:-}" ] || { echo "No application found: set APP to the native executable or quarkus-run.jar" >&2; exit 2; }

# A restore may target a new server while the old one is gone: the app's own datasource then points at the target.
if [ "$1" = "restore" ] && [ -z "${DATABASE_URL:-}" ]; then
  target="${RESTORE_TARGET_URL:-}"
  for ((i = 1; i <= $#; i++)); do
    if [ "${!i}" = "--target" ]; then j=$((i + 1)); target="${!j}"; fi
  done
  [ -n "$target" ] && export DATABASE_URL="$target"
fi

flags=(
  -Dquarkus.http.host-enabled=false
  -Dquarkus.management.port=0
  -Dquarkus.management.host=127.0.0.1
  -Dquarkus.scheduler.enabled=false
  -Dquarkus.flyway.migrate-at-start=false
  -Dquarkus.log.console.json.enabled=false
  "-Dquarkus.log.category.\"fitnesscrm.access\".level=WARN"
)
case "$APP" in
  *.jar) exec "${JAVA:-java}" "${flags[@]}" -jar "$APP" "$@" ;;
  *) exec "$APP" "${flags[@]}" "$@" ;;
esac
