#!/usr/bin/env bash
# Mesa ≥ 24's lavapipe (a software Vulkan driver) gives onnxruntime-node's WebGPU provider an adapter on machines
# without a GPU, so the WebGPU path is tested on every run. Debian bookworm ships Mesa 22, too old for it; its
# backports suite has Mesa 24+. The mirror is the one this machine's own apt sources already use.
set -euo pipefail

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

mesa_version() { dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null | sed -E 's/^[0-9]+://; s/[^0-9.].*//'; }
installed=$(mesa_version || true)
if [ -n "$installed" ] && [ "${installed%%.*}" -ge 24 ]; then
  echo "[ci] lavapipe: mesa-vulkan-drivers $installed already installed"
  exit 0
fi

. /etc/os-release
codename="${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}"
backports="$codename-backports"

# The first Debian archive URI the machine's sources name (deb822 .sources files or one-line .list files).
mirror=$( { grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}';
            grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{for (i=2;i<=NF;i++) if ($i !~ /^\[/) {print $i; break}}'; } \
          | grep -E '/debian/?$' | head -n 1 || true)
if [ -z "$mirror" ]; then
  echo "[ci] lavapipe: no Debian archive in this machine's apt sources; WebGPU tests will skip" >&2
  exit 0
fi

list=/etc/apt/sources.list.d/onestory-backports.list
if ! grep -qsE "^[^#].*[[:space:]]$backports[[:space:]]" /etc/apt/sources.list /etc/apt/sources.list.d/*.list && \
   ! grep -qsE "^Suites:.*[[:space:]]$backports([[:space:]]|$)" /etc/apt/sources.list.d/*.sources; then
  echo "deb $mirror $backports main" | $SUDO tee "$list" >/dev/null
fi
echo "[ci] lavapipe: installing mesa-vulkan-drivers from $backports"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t "$backports" mesa-vulkan-drivers libvulkan1 >/dev/null
echo "[ci] lavapipe: mesa-vulkan-drivers $(mesa_version) installed"
