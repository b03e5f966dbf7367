#!/usr/bin/env bash
# The loop a user without `lkjip run` would write: for each report, the papermill CLI, then
# `jupyter nbconvert --to html --no-input`, then a PDF — one report after another.
#
#   benchmarks/naive_loop.sh JOBS_FILE [PDF]
#
# JOBS_FILE: one report per line, tab-separated:
#   notebook  output_folder  agency_id  year  dataset  lang  category_scale  efficiency_method
# PDF: how to make the PDF — webpdf (nbconvert + playwright's Chromium), latex (nbconvert --to pdf,
#      needs xelatex), chromium (a system Chromium's --print-to-pdf on the HTML; the binary in
#      $CHROMIUM), weasyprint (the weasyprint CLI on the HTML), or none. Default: weasyprint.
# The commands are taken from PATH (run it with the project's .venv/bin first on PATH).
set -euo pipefail

jobs_file=$1
pdf=${2:-weasyprint}

while IFS=$'\t' read -r notebook out agency year dataset lang scale method; do
    [ -n "$notebook" ] || continue
    mkdir -p "$out"
    papermill "$notebook" "$out/report.ipynb" --cwd "$out" --no-progress-bar --log-level WARNING \
        -r agency_id "$agency" -p year "$year" -r dataset "$dataset" -r lang "$lang" \
        -r category_scale "$scale" -r efficiency_method "$method" -r output_dir .
    jupyter nbconvert --to html --no-input --log-level WARN "$out/report.ipynb"
    case "$pdf" in
        webpdf) jupyter nbconvert --to webpdf --no-input --log-level WARN "$out/report.ipynb" ;;
        latex) jupyter nbconvert --to pdf --no-input --log-level WARN "$out/report.ipynb" ;;
        # offline like lkjip's own browser: nbconvert's page names CDN scripts that a print does not need
        chromium) "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
                      --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server=127.0.0.1:1 \
                      --proxy-bypass-list="<-loopback>" \
                      --print-to-pdf="$out/report.pdf" "file://$(realpath "$out/report.html")" >/dev/null 2>&1 ;;
        weasyprint) weasyprint -q "$out/report.html" "$out/report.pdf" ;;
        none) ;;
        *) echo "unknown PDF method: $pdf" >&2; exit 2 ;;
    esac
done < "$jobs_file"
