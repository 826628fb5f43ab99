#!/usr/bin/env bash
# Creates the EDMS demo storage and records the files' real size and SHA-256 in the database.
#
# usage: make-storage.sh STORAGE_ROOT PSQL_CONNINFO
#   STORAGE_ROOT   folder that receives documents/, versions/ and media/ (created if missing)
#   PSQL_CONNINFO  the edms database, as psql's -d takes it: "dbname=edms" or
#                  "host=127.0.0.1 user=postgres dbname=edms" or postgresql://...
#   env PSQL       psql command to use (default: psql); e.g. "psql -h 127.0.0.1 -U postgres"
#                  (load-demo.sh passes its own PSQL and a conninfo naming only the database)
#
# Files:
#   documents/<document_number>.txt         one per documents_document row (its file_path)
#   versions/<document_number>/v<M.m>.txt    one per documents_documentversion row (its file_path)
#   media/...                                ~40 files: text, a real PNG, gzip, PDF, binary patterns
#                                            with zero bytes, an empty file, nested folders, a
#                                            name with a space and one with non-ASCII letters
# The text of documents and versions comes from content.sql (shared with data.sql), built from
# the rows' number, title, type, version and author, so it is deterministic.
# Idempotent: everything is generated into a staging folder and a file is moved into place only
# when it is missing or differs, so a re-run leaves identical files untouched (mtimes included).
# Files that are not generated here (e.g. added by a test) are left alone.
# Needs bash, coreutils (sha256sum, stat, mktemp, mv), gzip and psql.
set -euo pipefail

die() { echo "make-storage.sh: $*" >&2; exit 1; }
[[ $# -eq 2 ]] || die "usage: make-storage.sh STORAGE_ROOT PSQL_CONNINFO"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -f $here/content.sql ]] || die "content.sql not found beside this script ($here)"
conninfo=$2
read -ra psql_cmd <<< "${PSQL:-psql}"
export PGCLIENTENCODING=UTF8
psql_run() { "${psql_cmd[@]}" -X -q -v ON_ERROR_STOP=1 -d "$conninfo" "$@"; }

mkdir -p -- "$1" || die "cannot create storage root $1"
root=$(cd -- "$1" && pwd)
stage=$(mktemp -d "$root/.make-storage.XXXXXX")
trap 'rm -rf -- "$stage"' EXIT
files=()   # every generated file, relative to the root

# ---------------------------------------------------------------- documents and versions
# One query: first record = the folders to create, then one record per file "path\ncontent",
# records separated by NUL bytes (psql -0). Paths are checked to stay inside their root.
{
    cat "$here/content.sql"
    cat <<'SQL'
SET TimeZone = 'UTC';
CREATE TEMP VIEW edms_files AS
SELECT d.file_path AS path,
       pg_temp.edms_doc_text(d.document_number, d.title, dt.name, d.version_major || '.' || d.version_minor,
                             u.first_name || ' ' || u.last_name || ' (' || u.username || ')') AS body
FROM documents_document d
JOIN documents_documenttype dt ON dt.id = d.document_type_id
JOIN users_user u ON u.id = d.author_id
UNION ALL
SELECT v.file_path, pg_temp.edms_version_text(d.document_number, d.title, v.version_number, v.change_summary)
FROM documents_documentversion v
JOIN documents_document d ON d.id = v.document_id;
CREATE TEMP VIEW edms_safe_files AS
SELECT path, body FROM edms_files
WHERE path ~ '^(documents|versions)/[A-Za-z0-9._ -]+(/[A-Za-z0-9._ -]+)*$' AND path !~ '(^|/)\.\.?(/|$)';
SELECT coalesce(string_agg(DISTINCT regexp_replace(path, '/[^/]*$', ''), E'\n'), '') FROM edms_safe_files;
SELECT path || E'\n' || left(body, -1) FROM edms_safe_files ORDER BY path;
SELECT count(*) FROM edms_files WHERE path NOT IN (SELECT path FROM edms_safe_files);
SQL
} | psql_run -At -0 -f - > "$stage/.stream" || die "could not read the documents from the database ($conninfo)"

{
    IFS= read -r -d '' dirs || die "empty answer from the database"
    if [[ -n $dirs ]]; then
        mapfile -t dirlist <<< "$dirs"
        (cd "$stage" && mkdir -p -- "${dirlist[@]}")
    fi
    rec=''
    while IFS= read -r -d '' rec; do
        [[ $rec == *$'\n'* ]] || break          # the last record: the count of unsafe paths
        path=${rec%%$'\n'*}
        printf '%s\n' "${rec#*$'\n'}" > "$stage/$path"
        files+=("$path")
    done
    [[ $rec == 0 ]] || echo "make-storage.sh: warning: skipped $rec file path(s) outside documents/ and versions/" >&2
} < "$stage/.stream"
rm -f -- "$stage/.stream"
ndb=${#files[@]}

# ---------------------------------------------------------------- media
m=$stage/media
mkdir -p "$m/logos" "$m/signatures" "$m/templates/archive/2023" "$m/exports" "$m/thumbnails/2025/03" \
         "$m/reports" "$m/attachments"

# bytes: deterministic pattern of 256-byte blocks (a permutation of 0..255, so zero bytes included)
pattern() { # seed multiplier(odd) blocks
    local seed=$1 mult=$2 blocks=$3 j e block=''
    for ((j = 0; j < 256; j++)); do
        printf -v e '\\x%02x' $(((j * mult + seed) & 255))
        block+=$e
    done
    for ((j = 0; j < blocks; j++)); do printf "$block"; done
}
# text: deterministic lines
lines() { # tag count
    local i
    for ((i = 1; i <= $2; i++)); do
        printf '%s line %04d: controlled demo content, checksum-stable, %d\n' "$1" "$i" $(((i * 7919 + ${#1}) % 100000))
    done
}

# a real 8x8 RGB PNG
printf '\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x08\x00\x00\x00\x08\x08\x02\x00\x00\x00\x4b\x6d\x29\xdc\x00\x00\x00\x6c\x49\x44\x41\x54\x78\xda\x15\xcd\x41\x15\x00\x51\x08\x42\x51\xa3\x18\x85\x28\x46\x79\x51\x88\x42\x14\xa2\xcc\x1f\x97\x5c\x0e\xce\x0c\x3b\x68\xb8\x81\xc1\x43\x86\x0e\x33\xcb\x2e\x5a\x6e\x61\xf1\x92\xa5\xfb\x40\xac\x90\x38\x81\xb0\x88\xa8\x1e\x1c\x7b\xe8\xb8\x83\xc3\x47\x8e\xde\x83\x7f\xe0\x55\x5f\xf8\x9f\x21\xd0\xf7\x6e\xcc\x1a\x99\xf3\x1f\xdb\xc4\xd4\x0f\xc2\x06\x85\xcb\x5f\x76\x48\x68\x1e\x94\x2d\x2a\xd7\x7f\xc2\x25\xa5\xe5\x03\xc6\x7b\x58\x01\x57\x39\x36\xf2\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82' \
    > "$m/logos/company-logo.png"
cat > "$m/logos/edms-logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect x="1" y="1" width="118" height="38" rx="6" fill="#0b3d91" stroke="#062a66" stroke-width="2"/>
  <text x="60" y="26" font-family="Helvetica, Arial, sans-serif" font-size="18" fill="#ffffff"
        text-anchor="middle">EDMS</text>
</svg>
SVG
pattern 0 1 1 > "$m/logos/favicon.ico"

# signature images: PNG signature followed by a byte pattern
i=0
for u in admin author01 reviewer01 approver01 admin01 mgarcia hsilva ylopez; do
    i=$((i + 1))
    { printf '\x89PNG\r\n\x1a\n'; pattern $((i * 37)) $((2 * i + 1)) $((2 + i)); } > "$m/signatures/sig_$u.png"
done

# templates, including a name with a space, a name with non-ASCII letters and an archive subfolder
for t in cover-letter memo-template meeting-minutes training-record deviation-form; do
    lines "$t" 60 > "$m/templates/$t.txt"
done
lines 'Quality Manual Cover' 40 > "$m/templates/Quality Manual Cover.txt"
lines 'Pruefplan' 30 > "$m/templates/Übersicht Prüfplan.txt"
lines 'old-sop-template' 80 > "$m/templates/archive/2023/old-sop-template.txt"
lines 'old-form-template' 50 > "$m/templates/archive/2023/old-form-template.txt"

# exports: gzip -n (no name, no timestamp: identical bytes on every run)
for e in users-2024 documents-2024 audit-2024-q4 workflows-2024; do
    { echo "id,name,value"; lines "$e" 400; } | gzip -n -9 > "$m/exports/$e.csv.gz"
done

# thumbnails: binary patterns
for k in 01 02 03 04 05 06 07 08 09 10; do
    pattern $((10#$k * 11)) $((10#$k * 2 + 1)) $((10#$k + 3)) > "$m/thumbnails/2025/03/thumb_$k.bin"
done

# reports: minimal text PDFs
for k in 1 2 3 4 5 6; do
    {
        printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
        printf '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n'
        printf '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n'
        printf '4 0 obj << /Length 58 >> stream\nBT /F1 12 Tf 72 770 Td (EDMS monthly report 2025-%02d) Tj ET\nendstream endobj\n' "$k"
        printf 'trailer << /Root 1 0 R >>\n%%%%EOF\n'
    } > "$m/reports/monthly-2025-0$k.pdf"
done

# a larger binary scan (256 KiB), a file without an extension, an empty file, a hidden file
pattern 7 5 1024 > "$m/attachments/scan-0001.bin"
lines 'README' 12 > "$m/attachments/README"
: > "$m/empty.dat"
lines 'hidden' 3 > "$m/.index"

while IFS= read -r -d '' f; do files+=("media/${f#"$m"/}"); done < <(
    shopt -s globstar dotglob nullglob
    for f in "$m"/**; do [[ -f $f ]] && printf '%s\0' "$f"; done)

# ---------------------------------------------------------------- move new or changed files into place
declare -A want have
while IFS= read -r line; do want[${line:66}]=${line:0:64}; done < <(cd "$stage" && sha256sum -- "${files[@]}")
existing=()
for f in "${files[@]}"; do [[ -f $root/$f ]] && existing+=("$f"); done
if ((${#existing[@]})); then
    while IFS= read -r line; do have[${line:66}]=${line:0:64}; done < <(cd "$root" && sha256sum -- "${existing[@]}")
fi
moved=0
for top in documents versions media; do
    if [[ ! -e $root/$top ]]; then
        mv -- "$stage/$top" "$root/$top"
        for f in "${files[@]}"; do [[ $f == "$top"/* ]] && moved=$((moved + 1)); done
    fi
done
for f in "${files[@]}"; do
    [[ -e $stage/$f ]] || continue                       # its whole folder was moved above
    if [[ ${have[$f]:-} != "${want[$f]}" ]]; then
        [[ -d $root/${f%/*} ]] || mkdir -p -- "$root/${f%/*}"
        mv -f -- "$stage/$f" "$root/$f"
        moved=$((moved + 1))
    fi
done

# ---------------------------------------------------------------- real sizes and checksums into the database
result=$(
    {
        echo "SET TimeZone = 'UTC';"
        echo "CREATE TEMP TABLE storage_files (path text PRIMARY KEY, size bigint NOT NULL, sha256 char(64) NOT NULL);"
        echo "COPY storage_files (path, size, sha256) FROM STDIN;"
        (cd "$root" && stat -c '%s %n' -- "${files[@]:0:ndb}") | while read -r size path; do
            printf '%s\t%s\t%s\n' "$path" "$size" "${want[$path]}"
        done
        echo '\.'
        cat <<'SQL'
WITH d AS (
    UPDATE documents_document d SET file_size = f.size, file_checksum = f.sha256
    FROM storage_files f
    WHERE f.path = d.file_path AND (d.file_size IS DISTINCT FROM f.size OR d.file_checksum IS DISTINCT FROM f.sha256)
    RETURNING 1
), v AS (
    UPDATE documents_documentversion v SET file_checksum = f.sha256
    FROM storage_files f
    WHERE f.path = v.file_path AND v.file_checksum IS DISTINCT FROM f.sha256
    RETURNING 1
)
SELECT (SELECT count(*) FROM d) || ' ' || (SELECT count(*) FROM v);
SQL
    } | psql_run -At -1 -f -
) || die "could not update the checksums in the database ($conninfo)"
read -r upd_doc upd_ver <<< "$result"

bytes=$(cd "$root" && stat -c '%s' -- "${files[@]}" | { s=0; while read -r n; do s=$((s + n)); done; echo $s; })
echo "storage $root: ${#files[@]} files ($ndb documents/versions, $((${#files[@]} - ndb)) media), $bytes bytes;" \
     "$moved written, $upd_doc document and $upd_ver version checksums updated"
