#!/usr/bin/env bash
# One pass of the Orca screen reader over the app on the demo, by keyboard only, and what
# Orca says at each step (its debug log's « SPEECH OUTPUT » lines), for docs/accessibility.md.
# A record made by hand, not a test: run it, read tests/a11y/out/orca.txt.
#   Usage: xvfb-run -a -s "-screen 0 1366x860x24" dbus-run-session -- bash tests/a11y/orca-pass.sh
# Needs: orca (Debian's), xdotool, a French locale (fr_FR.UTF-8 in /etc/locale.gen), the
# app built (target/debug/cesp-commission).
set -u
cd "$(dirname "$0")/../.."
out=tests/a11y/out
mkdir -p "$out"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" HOME="$work/home"
mkdir -p "$XDG_CONFIG_HOME/fr.cesp-commission.app" "$XDG_DATA_HOME" "$HOME"
echo '{"welcomed": true}' > "$XDG_CONFIG_HOME/fr.cesp-commission.app/preferences.json"
export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 GTK_A11Y=atspi NO_AT_BRIDGE=0
log="$work/orca.log"
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 1
orca --replace --debug-file="$log" >/dev/null 2>&1 &
sleep 4
target/debug/cesp-commission --demo >/dev/null 2>&1 &
sleep 12
transcript="$out/orca.txt"
: > "$transcript"
seen=0
# Sends keys, waits, then writes what Orca said since the previous step under `title`.
step() {
  local title="$1"
  shift
  for k in "$@"; do
    case "$k" in
      type:*) xdotool type --delay 40 "${k#type:}" ;;
      *) xdotool key "$k" ;;
    esac
    sleep 0.8
  done
  sleep 3
  echo "## $title" >> "$transcript"
  # « SPEECH OUTPUT: 'texte'{'established': …} »: the text; the keys' own echo left out.
  grep -a "SPEECH OUTPUT" "$log" | tail -n +$((seen + 1)) \
    | sed -E "s/^.*SPEECH OUTPUT: '//; s/' ?\{'established.*$//" \
    | grep -v -E "^(tabulation|maj gauche|alt gauche|entrée|espace|virgule|point d’exclamation|dièse|e accent aigu|[[:alnum:]]) ?$" >> "$transcript"
  seen=$(grep -a -c "SPEECH OUTPUT" "$log")
  echo >> "$transcript"
}
step "Au lancement : la question du nom" 
step "Le nom tapé, puis Entrée" "type:Claire Dumont, secrétaire" Return
step "Tab : le premier arrêt (lien d'évitement)" Tab
step "Alt+1 : Tableau de bord" alt+1
step "Alt+2 : Candidats" alt+2
step "Tab x3 dans la liste des candidats" Tab Tab Tab
step "Alt+5 : Commission" alt+5
step "Alt+8 : Notation" alt+8
step "Tab x4 dans la notation" Tab Tab Tab Tab
step "Alt+9 : Classement" alt+9
step "Tab x2 dans le classement" Tab Tab
step "Alt+Maj+1 : Procès-verbal" alt+shift+1
step "Alt+Maj+3 : Journal" alt+shift+3
echo "Transcription : $transcript"
