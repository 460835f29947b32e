#!/usr/bin/env bash
# Makes sure the system tools the test suite needs are installed: Chromium (browser tests),
# Prometheus (scrapes /metrics), Alertmanager (posts to the receiver) and pg_dump/pg_restore. As root with apt-get, missing
# Debian packages are installed; otherwise this exits non-zero naming exactly what is missing and the
# command that installs it. It never lets the suite run without them (no test is skipped for a tool).
set -euo pipefail

# "binary package" pairs: the file the tests run, and the Debian package that provides it.
required=(
  "/usr/bin/chromium chromium"
  "/usr/bin/prometheus prometheus"
  "/usr/bin/prometheus-alertmanager prometheus-alertmanager"
  # The documented server backup is tested as written (api/test/pg-dump-restore.pg.test.ts).
  "/usr/bin/pg_dump postgresql-client"
  "/usr/bin/pg_restore postgresql-client"
)

missing_packages() {
  local entry binary package
  for entry in "${required[@]}"; do
    read -r binary package <<<"$entry"
    [[ -x "$binary" ]] || echo "$package"
  done
}

mapfile -t missing < <(missing_packages)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system packages: chromium, prometheus, prometheus-alertmanager, postgresql-client present"
  exit 0
fi

install_command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "system packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  mapfile -t still_missing < <(missing_packages)
  if [[ ${#still_missing[@]} -eq 0 ]]; then
    echo "system packages: installed ${missing[*]}"
    exit 0
  fi
  missing=("${still_missing[@]}")
fi

echo "Missing system packages the tests need: ${missing[*]}" >&2
for entry in "${required[@]}"; do
  read -r binary package <<<"$entry"
  [[ -x "$binary" ]] || echo "  $binary (Debian package: $package)" >&2
done
echo "Install them with:  sudo sh -c '$install_command'" >&2
exit 1
