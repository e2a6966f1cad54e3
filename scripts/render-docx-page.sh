#!/usr/bin/env bash
# Renders the first page of an exported Word draft for the README (docs/screenshots/docx-page.png):
# examples/述职报告.txt → `dangjian-lint --export-docx` → LibreOffice → PDF → pdftoppm → PNG.
# Not part of CI; run it by hand after changing the export's layout.
#
# Installs (apt-get, idempotent: what is there is kept) libreoffice-writer, poppler-utils and free
# Chinese fonts. The GB fonts a 公文 names (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are
# not free, so a fontconfig file of this script's own (the system's settings are left alone) has
# them stand in: Noto Serif CJK for the Song and FangSong faces, AR PL UKai for 楷体, Noto Sans
# CJK for 黑体. The page's layout (margins, 22 lines of 28 characters, sizes) is the export's own.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=docs/screenshots/docx-page.png
DRAFT=${1:-examples/述职报告.txt}
MAX_BYTES=$((40 * 1024))

say() { echo "render-docx-page: $*"; }
die() { echo "render-docx-page: ERROR: $*" >&2; exit 1; }
# shellcheck source=lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
APT_PACKAGES=(libreoffice-writer poppler-utils fonts-noto-cjk fonts-arphic-ukai)
apt_ensure --no-install-recommends -- "${APT_PACKAGES[@]}"
for c in soffice pdftoppm; do command -v "$c" >/dev/null || die "$c is not on PATH after the apt install"; done

# ---------------------------------------------------------------------------------------------
# 2. Export the draft with the CLI
[ -f dist/cli.mjs ] || node scripts/build.mjs
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-render-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
set +e
node dist/cli.mjs "$DRAFT" --export-docx "$WORK/page.docx" >/dev/null
code=$?
set -e
# Exit 1 only means the draft has findings; the export was still written.
[ "$code" -le 1 ] && [ -s "$WORK/page.docx" ] || die "the export failed (exit $code)"
say "exported $DRAFT"

# LibreOffice does not squeeze characters to a grid pitch narrower than the font, as Word and WPS
# do (28 characters of 3号 in 156 mm need 15.8 pt for each 16 pt character): on that grid it gives
# every character two cells. The copy it renders keeps the line grid only (22 lines a page), so
# the text flows as it does in Word, at 27 characters a line rather than 28.
node --input-type=module -e '
  import { readFileSync, writeFileSync } from "node:fs";
  import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
  const file = process.argv[1];
  const parts = unzipSync(readFileSync(file));
  const xml = strFromU8(parts["word/document.xml"]);
  const lines = xml.replace(/(<w:docGrid[^>]*w:type=")linesAndChars(")/, "$1lines$2");
  if (lines === xml) throw new Error("no character grid in word/document.xml");
  parts["word/document.xml"] = strToU8(lines);
  writeFileSync(file, zipSync(parts));
' "$WORK/page.docx"

# ---------------------------------------------------------------------------------------------
# 3. Stand-in fonts, then .docx → PDF → PNG of page 1
alias_font() { printf '  <alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' "$1" "$2"; }
{
  echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
  echo '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
  alias_font '方正小标宋简体' 'Noto Serif CJK SC'
  alias_font '仿宋_GB2312' 'Noto Serif CJK SC'
  alias_font '宋体' 'Noto Serif CJK SC'
  alias_font '楷体_GB2312' 'AR PL UKai CN'
  alias_font '黑体' 'Noto Sans CJK SC'
  echo '</fontconfig>'
} >"$WORK/fonts.conf"
export FONTCONFIG_FILE=$WORK/fonts.conf

# A profile of its own, so that a LibreOffice the user has open is neither used nor disturbed.
soffice --headless "-env:UserInstallation=file://$WORK/profile" --convert-to pdf --outdir "$WORK" "$WORK/page.docx" >/dev/null 2>&1 ||
  die "LibreOffice could not convert the .docx to PDF"
[ -s "$WORK/page.pdf" ] || die "LibreOffice wrote no PDF"
say "$(pdfinfo "$WORK/page.pdf" | grep -E '^(Pages|Page size):' | tr -s ' ' | paste -sd ';' -)"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile -gray "$WORK/page.pdf" "$WORK/page"
# It ships in the .vsix (the README shows it): black text on white reads the same in 4 greys as in
# 256, and at 2 bits a pixel the PNG is under half the size of one in 48 greys.
node "$ROOT/scripts/palette-png.mjs" --colors 4 "$WORK/page.png" >/dev/null
size=$(stat -c %s "$WORK/page.png")
[ "$size" -le "$MAX_BYTES" ] || die "the PNG is $size bytes, more than $MAX_BYTES"
mkdir -p "$(dirname "$OUT")"
cp "$WORK/page.png" "$ROOT/$OUT"
say "wrote $OUT ($size bytes)"
