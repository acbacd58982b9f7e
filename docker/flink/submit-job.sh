#!/usr/bin/env bash
# One-shot job submission (the job-submit service): submits the exposure-monitor job to the session
# cluster, detached, unless a job of that name is already running there, so `docker compose up` can be
# repeated without starting a second copy (two copies would fence each other's Kafka transactions).
#
#   submit-job.sh [job flags...]     flags go to ExposureMonitorJob.main (docs/cli.md, section job)
#
# Environment:
#   FLINK_REST          JobManager REST endpoint (default jobmanager:8081)
#   FLINK_RESTORE_FROM  a retained checkpoint or savepoint to start from, e.g.
#                       file:///checkpoints/<job-id>/chk-42 (default: start fresh)
set -euo pipefail

rest="${FLINK_REST:-jobmanager:8081}"
jar=/opt/flink/usrlib/dexposure-flink-jobs-job.jar
main=io.dexposure.job.ExposureMonitorJob
job_name="DeXposure exposure monitor"   # ExposureMonitorJob.JOB_NAME

# `flink list -r` prints one line per job that is not finished: "<start> : <job id> : <name> (<STATE>)".
listed="$(flink list -r -m "$rest" 2>/dev/null || true)"
if grep -F ": $job_name (" <<<"$listed"; then
  echo "submit-job: '$job_name' is already running on $rest; nothing to do."
  exit 0
fi

run=(flink run -d -m "$rest")
if [ -n "${FLINK_RESTORE_FROM:-}" ]; then
  run+=(-s "$FLINK_RESTORE_FROM")
  echo "submit-job: restoring from $FLINK_RESTORE_FROM"
fi

echo "submit-job: ${run[*]} -c $main $jar $*"
exec "${run[@]}" -c "$main" "$jar" "$@"
