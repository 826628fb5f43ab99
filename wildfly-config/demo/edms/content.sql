-- EDMS demo: session-local helper functions (schema pg_temp: they vanish with the session and
-- leave nothing in the database). Shared by data.sql (via \ir, to store the real SHA-256 and size
-- of every storage file) and make-storage.sh (to write the files), so both always agree.
-- Everything is deterministic: pseudo-randomness comes from md5(), never from random().

-- 60-bit non-negative hash of a text
CREATE FUNCTION pg_temp.edms_h(text) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT ('x' || substr(md5($1), 1, 15))::bit(60)::bigint $$;

-- deterministic pick from an array
CREATE FUNCTION pg_temp.edms_pick(text[], text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT $1[1 + (pg_temp.edms_h($2) % array_length($1, 1))::int] $$;

CREATE FUNCTION pg_temp.edms_sentence(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT pg_temp.edms_pick(ARRAY['The document owner', 'Each department head', 'The quality assurance unit',
              'All personnel in scope', 'The process owner', 'The records custodian', 'Authorised reviewers',
              'The document controller', 'The responsible supervisor', 'Every trained operator',
              'The site quality manager', 'The approving authority'], $1 || 's')
       || ' ' ||
       pg_temp.edms_pick(ARRAY['shall ensure that', 'is responsible for verifying that', 'must confirm that',
              'should periodically check that', 'will document that', 'shall record evidence that',
              'must escalate to management when it is not certain that'], $1 || 'v')
       || ' ' ||
       pg_temp.edms_pick(ARRAY['all controlled copies are current', 'superseded revisions are withdrawn from points of use',
              'training records reflect the current revision', 'deviations are recorded and investigated',
              'equipment is calibrated and within its due date', 'electronic records are backed up and restorable',
              'signatures are attributable to a named individual', 'changes are assessed for impact on validated state',
              'retention periods are applied to every record', 'access rights follow the principle of least privilege',
              'corrective actions are verified for effectiveness', 'samples are labelled with a unique identifier',
              'raw data is retained together with the reported result', 'suppliers remain on the approved list'], $1 || 'o')
       || ' ' ||
       pg_temp.edms_pick(ARRAY['before the effective date.', 'within five working days.', 'as part of the periodic review.',
              'in accordance with the retention schedule.', 'prior to release.', 'at the start of every shift.',
              'whenever the process changes.', 'and keeps the evidence on file.', 'before work begins.',
              'at least once per quarter.'], $1 || 't') $$;

-- a paragraph of n sentences, wrapped at 76 columns, every line ending with a newline
CREATE FUNCTION pg_temp.edms_para(text, integer) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT regexp_replace(string_agg(pg_temp.edms_sentence($1 || ':' || i), ' ' ORDER BY i),
                         '(.{1,76})( +|$)', E'\\1\n', 'g')
   FROM generate_series(1, $2) AS i $$;

-- the controlled copy of a document (documents/<number>.txt)
CREATE FUNCTION pg_temp.edms_doc_text(p_number text, p_title text, p_type text, p_version text, p_author text)
RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT p_number || ' - ' || p_title || E'\n'
       || repeat('=', length(p_number || ' - ' || p_title)) || E'\n\n'
       || 'Document number : ' || p_number || E'\n'
       || 'Document type   : ' || p_type || E'\n'
       || 'Version         : ' || p_version || E'\n'
       || 'Author          : ' || p_author || E'\n\n'
       || E'1. PURPOSE\n\n' || pg_temp.edms_para(p_number || 'purpose', 3 + (pg_temp.edms_h(p_number || 'a') % 3)::int) || E'\n'
       || E'2. SCOPE\n\n' || pg_temp.edms_para(p_number || 'scope', 3 + (pg_temp.edms_h(p_number || 'b') % 4)::int) || E'\n'
       || E'3. RESPONSIBILITIES\n\n' || pg_temp.edms_para(p_number || 'resp', 4 + (pg_temp.edms_h(p_number || 'c') % 4)::int) || E'\n'
       || E'4. PROCEDURE\n\n'
       || (SELECT string_agg(regexp_replace('4.' || i || ' ' || pg_temp.edms_sentence(p_number || 'step' || i),
                                            '(.{1,76})( +|$)', E'\\1\n', 'g'), '' ORDER BY i)
           FROM generate_series(1, 5 + (pg_temp.edms_h(p_number || 'd') % 6)::int) AS i) || E'\n'
       || E'5. RECORDS\n\n' || pg_temp.edms_para(p_number || 'records', 3) || E'\n'
       || '-- end of ' || p_number || ' version ' || p_version || E' --\n' $$;

-- one stored revision of a document (versions/<number>/v<version>.txt)
CREATE FUNCTION pg_temp.edms_version_text(p_number text, p_title text, p_version text, p_summary text)
RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT 'Revision ' || p_version || ' of ' || p_number || E'\n'
       || p_title || E'\n\n'
       || 'Change summary: ' || p_summary || E'\n\n'
       || pg_temp.edms_para(p_number || 'v' || p_version, 4 + (pg_temp.edms_h(p_number || p_version) % 5)::int) || E'\n'
       || (SELECT string_agg(regexp_replace('Step ' || i || ': ' || pg_temp.edms_sentence(p_number || p_version || 'st' || i),
                                            '(.{1,76})( +|$)', E'\\1\n', 'g'), '' ORDER BY i)
           FROM generate_series(1, 3 + (pg_temp.edms_h(p_number || p_version || 'n') % 5)::int) AS i) $$;
