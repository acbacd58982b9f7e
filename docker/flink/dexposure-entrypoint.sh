#!/usr/bin/env bash
# Entrypoint of the DeXposure Flink image: puts the mounted configuration in place, then hands over
# to the official image's /docker-entrypoint.sh (jobmanager | taskmanager | any command, e.g. flink run).
#
# Why a copy and not a mount straight onto conf/config.yaml: the official entrypoint rewrites
# conf/config.yaml in place on every start (jobmanager.rpc.address, blob and query ports,
# FLINK_PROPERTIES). On a bind-mounted file that would either fail (read-only mount) or rewrite the
# repository's docker/flink/config.yaml (comments dropped, container host names written in).
set -euo pipefail

mounted="${DEXPOSURE_FLINK_CONFIG:-/opt/dexposure/conf/config.yaml}"
if [ -f "$mounted" ]; then
  cp "$mounted" "$FLINK_HOME/conf/config.yaml"
  chown flink:flink "$FLINK_HOME/conf/config.yaml" 2>/dev/null || true
else
  echo "dexposure-entrypoint: $mounted not mounted, using the image's default Flink configuration" >&2
fi

exec /docker-entrypoint.sh "$@"
