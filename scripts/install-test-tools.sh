#!/usr/bin/env bash
# Installs the Debian tools the test suite and benchmarks use (never the app at run time):
# Chromium for the browser e2e, audio encoders/decoders for attack and format tests,
# other synthesizers for never-marked speech. Skips what is already there.
set -euo pipefail
packages=(chromium sox libsox-fmt-mp3 lame opus-tools ffmpeg flac vorbis-tools espeak-ng flite)
tools=(chromium sox lame opusenc ffmpeg flac oggenc espeak-ng flite)
missing=()
for i in "${!tools[@]}"; do
  command -v "${tools[$i]}" >/dev/null 2>&1 || missing+=("${packages[$i]}")
done
sox -h 2>/dev/null | grep -q 'AUDIO FILE FORMATS:.* mp3' || missing+=(libsox-fmt-mp3)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Missing test tools: ${missing[*]}. Install them with apt-get (root needed)." >&2; exit 1
fi
echo "Installing test tools: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
