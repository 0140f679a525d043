#!/usr/bin/env bash
# The install step of action.yml: fwsift from the action's own checkout (the tag or commit the
# workflow names), with its locked dependencies, built once. Needs Node 20.16 or later.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?}"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
