#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring and private XDG folders, so
# tests that use the OS keychain (keytar → libsecret → Secret Service) meet a real secret service and never
# touch the user's own keyring. Without dbus-run-session it runs the command as it is (keychain tests then
# report the keychain as unavailable, which they also test).
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sso-wizard-keyring.XXXXXX")
# Not exec: the shell must outlive the command so that the trap removes the scratch folder (an exec'd shell
# never runs its EXIT trap). Signals are passed on to the session, which ends the command and its keyring.
# The keyring daemon can still be writing its file into the scratch folder for a moment after the session ends
# (seen under load: "rm: … Directory not empty", which turned the command's status into 1): remove until it is gone.
cleanup() {
  for _ in $(seq 100); do
    rm -rf "$scratch" 2>/dev/null && [ ! -e "$scratch" ] && return 0
    sleep 0.1
  done
  echo "with-keyring.sh: could not remove $scratch" >&2
}
trap cleanup EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The inner shell unlocks the keyring with a throw-away password, then runs the command; the keyring daemon
# leaves with the session bus.
status=0
dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; export SSO_WIZARD_KEYRING=private; exec "$@"' bash "$@" || status=$?
exit "$status"
