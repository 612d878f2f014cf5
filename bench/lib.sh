# bench/lib.sh - what the benchmark scripts share (sourced, not run).
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo

# bench_source PKG[=VERSION] DIR: Debian's source of PKG unpacked in DIR
# (once), adding a deb-src entry beside each deb entry of APT's sources
# when there is none.
bench_source() {
	command -v dpkg-source >/dev/null || $sudo apt-get install -y -qq dpkg-dev >/dev/null
	if ! apt-get source --print-uris "$1" >/dev/null 2>&1; then
		src=/etc/apt/sources.list.d/debian.sources
		[ -r "$src" ] || { echo "bench: no $src to derive deb-src from" >&2; exit 1; }
		sed 's/^Types: deb$/Types: deb-src/' "$src" |
			$sudo tee /etc/apt/sources.list.d/vitte-pgo-deb-src.sources >/dev/null
		$sudo apt-get update -qq
	fi
	mkdir -p "$2"
	(cd "$2" && apt-get source -qq "$1" >/dev/null 2>&1) ||
		{ echo "bench: apt-get source $1 failed" >&2; exit 1; }
}
