#!/usr/bin/env bash
# The scan step of action.yml, kept in a file so test/cli/action.test.ts runs exactly what the
# action runs. Inputs arrive as INPUT_* environment variables (action.yml maps them); lists
# (paths, exclude) hold one entry per line. Writes the SARIF file, sets the outputs
# `sarif-file` and `exit-code`, and exits with fwsift's own status (0 clean, 1 findings at or
# above fail-on, 2 error or partial scan), so the job fails when it should while the SARIF
# upload step (if: always()) still runs.
set -uo pipefail

fwsift=${FWSIFT_CLI:-"${GITHUB_ACTION_PATH:?}/bin/fwsift.js"}
sarif=${INPUT_SARIF_FILE:-fwsift.sarif}

lines() { local line; while IFS= read -r line; do [[ -n "${line//[[:space:]]/}" ]] && printf '%s\n' "$line"; done <<< "$1"; }
mapfile -t paths < <(lines "${INPUT_PATHS:-.}")
mapfile -t excludes < <(lines "${INPUT_EXCLUDE-.git}")

args=(scan "${paths[@]}" --format sarif -o "$sarif" --fail-on "${INPUT_FAIL_ON:-medium}" --no-progress)
for glob in "${excludes[@]}"; do args+=(--exclude "$glob"); done
[[ -n "${INPUT_BASELINE:-}" ]] && args+=(--baseline "$INPUT_BASELINE")
[[ -n "${INPUT_IGNORE:-}" ]] && args+=(--ignore "$INPUT_IGNORE")
[[ -n "${INPUT_CATEGORY:-}" ]] && args+=(--category "$INPUT_CATEGORY")
[[ "${INPUT_ALLOW_PARTIAL:-false}" == true ]] && args+=(--allow-partial)

status=0
node "$fwsift" "${args[@]}" || status=$?
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  printf 'sarif-file=%s\nexit-code=%s\n' "$sarif" "$status" >> "$GITHUB_OUTPUT"
fi
exit "$status"
