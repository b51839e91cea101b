#!/usr/bin/env bash
# bench-compare.sh: builds the same synthetic corpus (guifan synth) with guifan and, when it
# is installed, Hugo, and prints wall time, peak memory (max RSS), cpu/wall and the ratios,
# each figure the median of several alternating rounds.
#
#   scripts/bench-compare.sh [-n DOCS] [-r ROUNDS] [-s SEED] [--site-only] [--keep]
#
#   -n DOCS      documents in the corpus (default 1000)
#   -r ROUNDS    rounds; guifan and Hugo take turns going first (default 3)
#   -s SEED      seed of the corpus (default 1)
#   --site-only  skip guifan's full build (every PDF, workbook and form)
#   --serve      also time the live preview: guifan serve and hugo server on the corpus,
#                save an edit to a public document, and measure until the server returns
#                the page with the edit (median of 5 edits over several types)
#   --keep       keep the work folder (corpus, outputs, Hugo config) and print its path
#
# Needs Go (to build guifan from this checkout), curl for --serve, and GNU time (/usr/bin/time, Debian package
# "time"). Hugo is optional: on Debian, apt-get install hugo. Run it on a quiet machine.
#
# What is compared: guifan build --only site makes the public pages and the search index;
# Hugo builds every Markdown page of the same content/ (restricted ones too; it does not
# know classifications) with minimal layouts (a page with its table of contents, a list per
# section) and a JSON index of every page's plain text, the usual way to give a Hugo site
# search. The TOML registers and glossaries are data to Hugo, not pages.
set -euo pipefail

n=1000 rounds=3 seed=1 site_only=0 keep=0 serve=0
while [ $# -gt 0 ]; do
	case "$1" in
	-n) n="$2"; shift 2 ;;
	-r) rounds="$2"; shift 2 ;;
	-s) seed="$2"; shift 2 ;;
	--site-only) site_only=1; shift ;;
	--keep) keep=1; shift ;;
	--serve) serve=1; shift ;;
	-h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench-compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
TIME=/usr/bin/time
if ! [ -x "$TIME" ]; then
	echo "bench-compare.sh: GNU time not found at $TIME (Debian: apt-get install time)" >&2
	exit 2
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/guifan-bench.XXXXXX")"
server=""
cleanup() {
	[ -z "$server" ] || kill "$server" 2>/dev/null || true
	[ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
[ "$keep" = 0 ] || echo "work folder: $work"

echo "building guifan from $repo ..."
(cd "$repo" && go build -o "$work/guifan" ./generator/cmd/guifan)
guifan="$work/guifan"
"$guifan" synth -n "$n" --seed "$seed" -o "$work/site" >/dev/null
echo "corpus: $n documents (seed $seed), $(du -sh "$work/site/content" | cut -f1) of content"

hugo_bin="$(command -v hugo || true)"
if [ -n "$hugo_bin" ]; then
	h="$work/hugo"
	mkdir -p "$h/layouts/_default"
	cat >"$h/config.toml" <<EOF
baseURL = "http://intranet.invalid/"
languageCode = "zh-cn"
title = "合成示范医院"
contentDir = "$work/site/content"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["HTML", "JSON"]
EOF
	cat >"$h/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body><nav><a href="{{ .Site.Home.RelPermalink }}">首页</a></nav>{{ block "main" . }}{{ end }}</body></html>
EOF
	cat >"$h/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl>{{ with .Params.number }}<dt>编号</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.version }}<dt>版本</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.owner }}<dt>责任部门</dt><dd>{{ . }}</dd>{{ end }}</dl>
{{ .TableOfContents }}{{ .Content }}</article>{{ end }}
EOF
	cat >"$h/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
	cat >"$h/layouts/index.json" <<'EOF'
{{- $pages := slice -}}
{{- range .Site.RegularPages -}}
{{- $pages = $pages | append (dict "title" .Title "url" .RelPermalink "headings" (findRE "<h[23][^>]*>.*?</h[23]>" .Content) "body" .Plain) -}}
{{- end -}}
{{- $pages | jsonify -}}
EOF
fi

# measure NAME CMD...: runs CMD under GNU time, appends "wall_s rss_kb cpu_s" to $work/NAME.
measure() {
	local name="$1"
	shift
	if ! "$TIME" -f '%e %M %U %S' -o "$work/time.out" "$@" >"$work/$name.log" 2>&1; then
		echo "bench-compare.sh: $name failed:" >&2
		tail -20 "$work/$name.log" >&2
		exit 1
	fi
	awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$work/time.out" >>"$work/$name"
}

guifan_site() { rm -rf "$work/out-site"; measure guifan-site "$guifan" build "$work/site" --only site -o "$work/out-site"; }
guifan_full() { rm -rf "$work/out-full"; measure guifan-full "$guifan" build "$work/site" -o "$work/out-full"; }
hugo_site() { rm -rf "$work/public"; measure hugo-site "$hugo_bin" --quiet --source "$work/hugo" -d "$work/public"; }

for r in $(seq 1 "$rounds"); do
	echo "round $r of $rounds ..."
	if [ -n "$hugo_bin" ] && [ $((r % 2)) = 0 ]; then
		hugo_site
		guifan_site
	else
		guifan_site
		[ -z "$hugo_bin" ] || hugo_site
	fi
	[ "$site_only" = 1 ] || guifan_full
done

# median FILE COLUMN: the median of a column of FILE.
median() { sort -g -k"$2","$2" "$1" | awk -v c="$2" '{v[NR]=$c} END{print v[int((NR+1)/2)]}'; }
mb() { awk -v k="$1" 'BEGIN{printf "%.0f MB", k/1024}'; }
cores() { awk -v c="$1" -v w="$2" 'BEGIN{if (w > 0) printf "%.2f", c/w; else print "-"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf " (%.2f×)", a/b}'; }

gw=$(median "$work/guifan-site" 1) gm=$(median "$work/guifan-site" 2) gc=$(median "$work/guifan-site" 3)
pages=$(find "$work/out-site" -name '*.html' | wc -l)
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "guifan: $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo '?'), $(go version | cut -d' ' -f3)"
if [ -n "$hugo_bin" ]; then
	echo "hugo: $("$hugo_bin" version | cut -d' ' -f2)"
else
	echo "hugo: not found (Debian: apt-get install hugo); only guifan's figures are shown"
fi
echo "corpus: $n documents, seed $seed; median of $rounds rounds"
echo
echo "| figure | guifan | Hugo |"
echo "|---|---|---|"
if [ -n "$hugo_bin" ]; then
	hw=$(median "$work/hugo-site" 1) hm=$(median "$work/hugo-site" 2) hc=$(median "$work/hugo-site" 3)
	hpages=$(find "$work/public" -name '*.html' | wc -l)
	echo "| site + search index, wall | ${gw} s$(ratio "$gw" "$hw") | ${hw} s |"
	echo "| site + search index, peak memory | $(mb "$gm")$(ratio "$gm" "$hm") | $(mb "$hm") |"
	echo "| site, cores used (cpu / wall) | $(cores "$gc" "$gw") | $(cores "$hc" "$hw") |"
	echo "| site, HTML pages written | $pages | $hpages |"
else
	echo "| site + search index, wall | ${gw} s | not found |"
	echo "| site + search index, peak memory | $(mb "$gm") | not found |"
	echo "| site, cores used (cpu / wall) | $(cores "$gc" "$gw") | not found |"
	echo "| site, HTML pages written | $pages | not found |"
fi
if [ "$site_only" = 0 ]; then
	fw=$(median "$work/guifan-full" 1) fm=$(median "$work/guifan-full" 2) fc=$(median "$work/guifan-full" 3)
	echo "| full build (PDFs, workbooks, forms), wall | ${fw} s | — |"
	echo "| full build, peak memory | $(mb "$fm") | — |"
	echo "| full build, cores used (cpu / wall) | $(cores "$fc" "$fw") | — |"
fi

[ "$serve" = 1 ] || exit 0

# Live preview: save -> the page served with the edit. Each server runs alone on the
# corpus; an edit appends a line with a unique word to a public document's body, and
# the time is from the write until an HTTP GET of the document's page returns the word.
command -v curl >/dev/null || { echo "bench-compare.sh: --serve needs curl" >&2; exit 2; }
pick() { # the first public document of a folder
	local f
	for f in "$work/site/content/$1"/*.md; do
		if grep -q '^classification = "public"' "$f"; then echo "$f"; return; fi
	done
}
probes=()
for d in regulations procedures faq emergency duties; do
	f="$(pick "$d")" && [ -n "$f" ] && probes+=("$f")
done
if [ ${#probes[@]} = 0 ]; then
	echo "bench-compare.sh: no public document to edit in the corpus" >&2
	exit 1
fi
now_ms() { date +%s%3N; }
# wait_for URL WORD [absent]: polls until the page has (or no longer has) WORD; prints ms waited.
wait_for() {
	local t0 t
	t0=$(now_ms)
	while :; do
		if curl -fs "$1" 2>/dev/null | grep -q "$2"; then [ "${3:-}" = absent ] || break
		else [ "${3:-}" = absent ] && break; fi
		t=$(now_ms)
		if [ $((t - t0)) -gt 300000 ]; then echo "bench-compare.sh: timed out waiting for $1" >&2; return 1; fi
		sleep 0.005
	done
	echo $(($(now_ms) - t0))
}
# probe NAME URL_OF_FILE: edits each probe document and records save -> served.
probe() {
	local name="$1" urlof="$2" i=0 f url word
	for f in "${probes[@]}" "${probes[@]}"; do
		i=$((i + 1))
		[ $i -le 5 ] || break
		url="$($urlof "$f")"
		word="probe${RANDOM}x$i"
		cp "$f" "$work/orig.md"
		printf '\n\n%s\n' "$word" >>"$f"
		wait_for "$url" "$word" >>"$work/$name-serve"
		cp "$work/orig.md" "$f"
		wait_for "$url" "$word" absent >/dev/null
		sleep 0.5
	done
}
start_server() { # start_server URL CMD...: runs CMD in the background until URL answers
	local url="$1"
	shift
	"$@" >"$work/server.log" 2>&1 &
	server=$!
	local t0
	t0=$(now_ms)
	until curl -fs -m 5 "$url" >/dev/null 2>&1; do
		sleep 0.1
		if ! kill -0 "$server" 2>/dev/null || [ $(($(now_ms) - t0)) -gt 600000 ]; then
			echo "bench-compare.sh: server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1
		fi
	done
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }
gurl() { echo "http://127.0.0.1:18371/docs/$(basename "$1" .md).html"; }
hurl() { local rel="${1#"$work/site/content/"}"; echo "http://127.0.0.1:18372/${rel%.md}/"; }

echo
echo "live preview: ${#probes[@]} documents edited, save -> page served with the edit ..."
start_server "$(gurl "${probes[0]}")" "$guifan" serve "$work/site" --addr 127.0.0.1:18371 --quiet
probe guifan "gurl"
stop_server
if [ -n "$hugo_bin" ]; then
	start_server "$(hurl "${probes[0]}")" "$hugo_bin" server --quiet --source "$work/hugo" --bind 127.0.0.1 --port 18372
	probe hugo "hurl"
	stop_server
fi
gs=$(median "$work/guifan-serve" 1)
if [ -n "$hugo_bin" ]; then
	hs=$(median "$work/hugo-serve" 1)
	echo "| serve: save -> page served (median of 5) | ${gs} ms$(ratio "$gs" "$hs") | ${hs} ms |"
else
	echo "| serve: save -> page served (median of 5) | ${gs} ms | not found |"
fi
