#!/usr/bin/env bash
# Sets DynaRocks' one version everywhere (RELEASING.md): every POM of the build, and, for a release version
# (no -SNAPSHOT), the README's dependency lines and the release's dated section of CHANGELOG.md.
# Usage: release/set-version.sh 0.1.0 | 0.2.0-SNAPSHOT
set -euo pipefail
cd "$(dirname "$0")/.."
new="${1:?usage: $0 VERSION}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]] || { echo "not a semantic version: $new" >&2; exit 1; }
old="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)"
[ -n "$old" ] || { echo "no project version in pom.xml" >&2; exit 1; }

# The project's version appears in the root POM, every module's <parent> and the BOM: always as the exact
# string <version>OLD</version>, which no third-party dependency uses (their versions are properties).
poms=$(git ls-files '*pom.xml' | grep -v '/src/it/')
for pom in $poms; do
  sed -i "s|<version>$old</version>|<version>$new</version>|" "$pom"
done

if [[ "$new" != *-SNAPSHOT ]]; then
  released="$(sed -n 's|.*<dynarocks.released.version>\(.*\)</dynarocks.released.version>.*|\1|p' pom.xml)"
  if [ -n "$released" ]; then
    # README dependency blocks name the released version (the consumer tests read them with the build's)
    sed -i "s|<dynarocks.released.version>$released</dynarocks.released.version>|<dynarocks.released.version>$new</dynarocks.released.version>|" pom.xml
    sed -i "s|<version>$released</version>|<version>$new</version>|g; s|/dynarocks:$released\b|/dynarocks:$new|g; s|\`$released\`|\`$new\`|g" README.md
  fi
  today="$(date -u +%F)"
  if grep -q "^## \[$new\] - not yet released" CHANGELOG.md; then
    # the section was written ahead (the first release): date it, and move Unreleased's entries into it
    python3 - "$new" "$today" <<'PY'
import re, sys
version, today = sys.argv[1], sys.argv[2]
text = open("CHANGELOG.md").read()
m = re.search(r"^## \[Unreleased\]\n(.*?)(?=^## \[)", text, re.S | re.M)
entries = m.group(1)
text = text[:m.start(1)] + "\n" + text[m.end(1):]
head = f"## [{version}] - not yet released\n"
start = text.index(head)
end = text.find("\n## [", start + len(head))
end = len(text) if end < 0 else end
section = text[start + len(head):end]
# each "### Kind" of Unreleased joins the same kind in the release's section (or is added at its end)
for kind, body in re.findall(r"^### (.+?)\n(.*?)(?=^### |\Z)", entries, re.S | re.M):
    body = body.strip("\n") + "\n"
    at = re.search(rf"^### {re.escape(kind)}\n", section, re.M)
    if at:
        section = section[:at.end()] + body + section[at.end():]
    else:
        section = section.rstrip("\n") + f"\n\n### {kind}\n{body}\n"
text = text[:start] + f"## [{version}] - {today}\n" + section + text[end:]
open("CHANGELOG.md", "w").write(text)
PY
  else
    sed -i "s|^## \[Unreleased\]$|## [Unreleased]\n\n## [$new] - $today|" CHANGELOG.md
    prev="$(grep -o '^## \[[0-9][^]]*\]' CHANGELOG.md | sed -n 2p | tr -d '#[] ')"
    owner_repo="$(sed -n 's|^\[Unreleased\]: https://github.com/\([^/]*/[^/]*\)/compare/.*|\1|p' CHANGELOG.md)"
    sed -i "s|^\[Unreleased\]: .*|[Unreleased]: https://github.com/$owner_repo/compare/v$new...HEAD\n[$new]: https://github.com/$owner_repo/compare/v$prev...v$new|" CHANGELOG.md
  fi
fi

left=$(grep -l "<version>$old</version>" $poms || true)
[ -z "$left" ] || { echo "still at $old: $left" >&2; exit 1; }
echo "version $old -> $new"
