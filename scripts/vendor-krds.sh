#!/usr/bin/env bash
# Copies what the product uses from the KRDS package (krds-uiux on npm, the Korean government's design system)
# into static/vendor/krds/, where it is committed and served by the application itself: no asset ever loads from
# the internet. Only the Pretendard GOV web fonts are taken (SIL Open Font License 1.1, kept beside them); the
# colour, type, spacing and radius tokens are mirrored by name and value in static/css/app.css (the package's
# 540 kB component CSS is not used). Run it again after changing KRDS_VERSION; npm checks the tarball's integrity.
set -euo pipefail
KRDS_VERSION=1.1.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/static/vendor/krds"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "krds-uiux@$KRDS_VERSION" >/dev/null && tar xzf "krds-uiux-$KRDS_VERSION.tgz")
mkdir -p "$DEST/fonts"
for weight in Regular Medium Bold; do
  cp "$WORK/package/resources/fonts/PretendardGOV-$weight.subset.woff2" "$DEST/fonts/"
done
cp "$WORK/package/resources/css/token/krds_tokens.css" "$DEST/krds_tokens.reference.css"
echo "krds-uiux $KRDS_VERSION: $(ls "$DEST/fonts" | tr '\n' ' ')" > "$DEST/VERSION"
echo "Copied into $DEST (commit it; see static/vendor/krds/LICENSE.md)"
