#!/usr/bin/env bash
# The chat page in headless Chromium against a stack of its own (database with the sample data, Trino, proxy),
# removed at the end. Installs Debian's chromium and the page's npm packages when they are missing.
# First the UI message stream of /api/chat read by the `ai` package itself (ui/e2e/protocol.e2e.mjs), then the page.
# Screenshots go to test-artifacts/ui/. Prints "protocol: N passed, N failed" and "ui: N passed, N failed, N skipped".
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/private-stack.sh"
cd "$AI_ROOT"

command -v chromium >/dev/null 2>&1 || { say "installing Debian's chromium for the browser test"; apt_install chromium; }
command -v npm >/dev/null 2>&1 || die "npm is missing: install Node.js 20+ and npm (they build the chat page)"
use_jdk
[ -f sse-proxy/target/sse-proxy-0.1.0-SNAPSHOT.jar ] || { say "building (the proxy jar is missing)"; ./mvnw -B -q -ntp install -DskipTests; }
[ -d ui/node_modules/playwright-core ] && [ -d ui/node_modules/ai ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)

private_stack_up ui
export PROXY_URL="http://127.0.0.1:$PROXY_PORT" PROXY_TOKEN; PROXY_TOKEN="$(dev_token analyst)"
# both run, whatever the first gives
status=0
say "POST /api/chat read by the AI SDK's own transport and readUIMessageStream"
node ui/e2e/protocol.e2e.mjs || status=1
say "the chat page in headless Chromium at $PROXY_URL"
ARTIFACTS="$AI_ROOT/test-artifacts/ui" node ui/e2e/chat.e2e.mjs || status=1
exit "$status"
