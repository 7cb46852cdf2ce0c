#!/bin/sh
# Runs the whole suite against a real, throwaway Secret Service: a private D-Bus session with an unlocked
# gnome-keyring whose files live in a temporary folder, so the user's own keychain is never touched.
set -eu
if [ -z "${SINCH_KEYS_TEST_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "npm test needs $tool (Debian: apt-get install dbus gnome-keyring)" >&2; exit 1; }
  done
  SINCH_KEYS_TEST_SESSION=$(mktemp -d); export SINCH_KEYS_TEST_SESSION
  XDG_DATA_HOME="$SINCH_KEYS_TEST_SESSION/data"; export XDG_DATA_HOME
  mkdir -p "$XDG_DATA_HOME"
  status=0
  dbus-run-session -- sh -c 'printf %s sinch-keys-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec sh "$0" "$@"' "$0" "$@" || status=$?
  rm -rf "$SINCH_KEYS_TEST_SESSION"
  exit "$status"
fi
exec npx vitest run "$@"
