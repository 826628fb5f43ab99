-- EDMS demo source: data. Run after schema.sql, in the same database, by psql (uses \ir).
-- Deterministic: the same script always produces the same rows (ids, UUIDs, timestamps, text);
-- pseudo-randomness comes from md5() via pg_temp.edms_h()/edms_pick() (see content.sql).
--
-- Demo passwords (Django PBKDF2-SHA256, 600000 iterations, real hashes):
--   admin        / admin-demo          (superuser)
--   edms_system  / edms_system-demo    (service account)
--   author01     / author01-demo       (role Document Author)
--   reviewer01   / reviewer01-demo     (role Document Reviewer)
--   viewer01     / viewer01-demo       (role Document Viewer)
--   approver01   / approver01-demo     (role Document Approver)
--   admin01      / admin01-demo        (role Document Admin)
--   the 25 other staff users (mgarcia ... wcollins) / staff-demo
--
-- file_size / file_checksum are the real size and SHA-256 of the files make-storage.sh writes
-- (both use content.sql), so the database is consistent even before the storage exists.

SET TimeZone = 'UTC';
SET client_min_messages = warning;

\ir content.sql

-- ---------------------------------------------------------------- users
INSERT INTO users_user (id, username, first_name, last_name, department, is_staff, is_superuser, is_active,
                        password, uuid, email, date_joined, last_login, employee_id, phone_number,
                        mfa_enabled, signature_image)
SELECT v.id, v.username, v.first_name, v.last_name, v.department, v.is_staff, v.is_superuser, v.is_active,
       v.password,
       md5('edms-user-' || v.username)::uuid,
       CASE v.username WHEN 'edms_system' THEN 'edms-system@edms.example.com'
                       ELSE v.username || '@edms.example.com' END,
       timestamptz '2021-01-04 08:00:00+00' + (v.id - 1) * interval '9 days'
           + (pg_temp.edms_h('joined' || v.id) % 28800) * interval '1 second',
       CASE WHEN v.username IN ('edms_system', 'iwalker') THEN NULL
            ELSE timestamptz '2025-05-01 07:00:00+00' + (pg_temp.edms_h('login' || v.id) % 2592000) * interval '1 second' END,
       CASE WHEN v.id > 2 THEN 'EMP-' || lpad((1000 + v.id * 7)::text, 5, '0') END,
       CASE WHEN v.id > 2 THEN '+1-555-' || lpad((pg_temp.edms_h('phone' || v.id) % 10000)::text, 4, '0') ELSE '' END,
       v.is_staff OR v.id IN (4, 6),
       CASE WHEN v.id BETWEEN 3 AND 7 OR v.id % 5 = 0
            THEN '\x89504e470d0a1a0a0000000d49484452'::bytea
                 || decode(md5('sig-' || v.username) || md5('sig2-' || v.username) || '0000ff00', 'hex') END
FROM (VALUES
    (1, 'admin'     , 'System'  , 'Administrator', 'Information Technology'  , true , true , true ,
     'pbkdf2_sha256$600000$wibI47eDXxDIc7g4mCX8ZL$CLfUOWxM50IZCph0JWbwNIyGMKkb6TiJZ1zSFM9CPLQ='),
    (2, 'edms_system', 'EDMS'    , 'System'      , 'Information Technology'  , true , false, true ,
     'pbkdf2_sha256$600000$XGXWruRmpUhx3b9Rd7UgH4$0evypbwyAC2mG73h9+W9Bs8psiDZ/QMd0ZTsMoPFjwo='),
    (3, 'author01'  , 'Anna'    , 'Reyes'       , 'Quality Assurance'       , false, false, true ,
     'pbkdf2_sha256$600000$6PczwC0p4axLCe4NvKfHDl$3AjysP5zyDLez9s9MSxhEKFW59SJpOgt5hcn/kthe14='),
    (4, 'reviewer01', 'Robert'  , 'Lindqvist'   , 'Quality Assurance'       , false, false, true ,
     'pbkdf2_sha256$600000$SRrbXfakCRmpFE5IVV0vrT$WtpWYfmH2L6+sGFfIB52yqOyNg/YQl5skHOvnHrZImY='),
    (5, 'viewer01'  , 'Victoria', 'Osei'        , 'Manufacturing'           , false, false, true ,
     'pbkdf2_sha256$600000$jXubmSTUFtuAGsecud2bAT$+tEgG3Ck4z0qfe3182s8BM9UP+uaRA/FzkdG8cgNjek='),
    (6, 'approver01', 'Peter'   , 'Hoffmann'    , 'Quality Assurance'       , false, false, true ,
     'pbkdf2_sha256$600000$DoZxgbLXw6HpsWx21c78Si$wlhLFPq3FwmcqIGlTmeYqyY0boh95G40tVRNaP5YwDk='),
    (7, 'admin01'   , 'Diana'   , 'Cruz'        , 'Document Control'        , true , false, true ,
     'pbkdf2_sha256$600000$CFL5VSof99G4W3ypS7HXgJ$rjALIJJ8Xqf/Td3mL/OrTzSxqE42G0JVV5gQ+MmvQ0A='),
    (8, 'mgarcia'   , 'Maria'   , 'Garcia'      , 'Quality Assurance'       , false, false, true ,
     'pbkdf2_sha256$600000$OprXSxhCvZrzuFUcMu5lmw$QkMrI7H9e6YbY3w69ldiPdhzK1qDRw5EjUzmDNv+ycM='),
    (9, 'jchen'     , 'Jun'     , 'Chen'        , 'Regulatory Affairs'      , false, false, true ,
     'pbkdf2_sha256$600000$lZ2Ofehup0tbp3Pl6uv5VY$D9kO58KfHa4kSD4Mk3FU4cs8zSknsbsuwFFiDFHBIPM='),
    (10, 'apatel'    , 'Anil'    , 'Patel'       , 'Manufacturing'           , false, false, true ,
     'pbkdf2_sha256$600000$rENQ3Zx0Evj8x69ZVQ8uHD$XyJr4g2fciYxnx+OczMVdOhU201WXSc3o361IpS25TM='),
    (11, 'lnguyen'   , 'Linh'    , 'Nguyen'      , 'Laboratory'              , false, false, true ,
     'pbkdf2_sha256$600000$bN6XILdyhaMezcAXk0MhmT$vBDgdAxv2dYG4yRbP/U8rROOkxMlhkfqRITJFSBKpVk='),
    (12, 'okowalski' , 'Olga'    , 'Kowalski'    , 'Engineering'             , false, false, true ,
     'pbkdf2_sha256$600000$5WITL5gusF4Gd1lDAwUevv$lj9mV0Gc23fSdOgEu0QjoKga6dKJ2hFX/NBTVbpfHAE='),
    (13, 'sdubois'   , 'Sophie'  , 'Dubois'      , 'Regulatory Affairs'      , false, false, true ,
     'pbkdf2_sha256$600000$z3zrzrgd1ZJimfEGaIvg0h$i+dbrZDO20BIc1ZVBu2eaQG7xsZBibyvkY6q78mUABA='),
    (14, 'rsantos'   , 'Rafael'  , 'Santos'      , 'Supply Chain'            , false, false, true ,
     'pbkdf2_sha256$600000$85l5H39hcnhbkpddvx51QN$KH+XzDyRafIBsRd4eJHbvU/r9QpJyCgQg2G2STmJLD4='),
    (15, 'kmuller'   , 'Klaus'   , 'Muller'      , 'Engineering'             , false, false, true ,
     'pbkdf2_sha256$600000$lUYMpUQ00SuIlzEiz0aLuQ$MEZE/GsJPw0IF0WS5BIY4zSscR3UavewBCWwf6fL41g='),
    (16, 'tnakamura' , 'Takeshi' , 'Nakamura'    , 'Laboratory'              , false, false, true ,
     'pbkdf2_sha256$600000$oVKwJl446QcJ0nt1dTLoCQ$N8suzVeqlmVRnxkf4cTA91YNViuo6Bu80cNik7Iwyas='),
    (17, 'eandersson', 'Erik'    , 'Andersson'   , 'Information Technology'  , true , false, true ,
     'pbkdf2_sha256$600000$wDIvYVSRydvlydSJWkhBbo$bWgHN9+APWa0FQ6ZEuNB39Dh8c0gLXaqJ4PKOlpzu5w='),
    (18, 'pmartin'   , 'Paul'    , 'Martin'      , 'Finance'                 , false, false, true ,
     'pbkdf2_sha256$600000$0Wf0YqeCptnYcsgHxWaJwu$eIAzwSgH7W3PE3I9u0YTbH+hoShVImWNptnm5OkpyjQ='),
    (19, 'cromero'   , 'Carmen'  , 'Romero'      , 'Human Resources'         , false, false, true ,
     'pbkdf2_sha256$600000$rgSjXL5pJJD6MU5oRmURVP$SH5GgevI7PoA2vtK9h1tr0y5cPWuzWsh5Go/SQiuZbE='),
    (20, 'dokafor'   , 'David'   , 'Okafor'      , 'Manufacturing'           , false, false, true ,
     'pbkdf2_sha256$600000$qrg5eeWP9bPghcZWEJ4cvr$4BRY1U3ZQ0/MyaWot3MCJDW5PCZe3UAihCqBPveFLoA='),
    (21, 'hsilva'    , 'Helena'  , 'Silva'       , 'Quality Assurance'       , false, false, true ,
     'pbkdf2_sha256$600000$TV2UGhPxDM1aqOsP7y8beY$H9jbb0qlfB2mU5x/uGPbdWFrEeTqNQT3UMw/3yQmMo8='),
    (22, 'vrossi'    , 'Valentina', 'Rossi'       , 'Legal'                   , false, false, true ,
     'pbkdf2_sha256$600000$PifADh6prhWH4edKIHCvAK$6FO7MCB6GWet3+zj+qSZSSHspO0WEG1GrjdkB1wkrqg='),
    (23, 'bkim'      , 'Byung'   , 'Kim'         , 'Laboratory'              , false, false, true ,
     'pbkdf2_sha256$600000$baPAk43zGVCVCC04FK3Vqv$Oh5WsYoSP2KztDrQH2sMul1Y7MNgo9yoe2YztXQvGgc='),
    (24, 'nhassan'   , 'Nadia'   , 'Hassan'      , 'Supply Chain'            , false, false, true ,
     'pbkdf2_sha256$600000$zMw5SSsrH6tRnUqkg3udcm$TzmRY/EWPd5LgekzqNIoevdaOLhHMy/DaXAXb/33dkM='),
    (25, 'gbrown'    , 'George'  , 'Brown'       , 'Facilities'              , false, false, true ,
     'pbkdf2_sha256$600000$rTAT64YFBg3x2mFMmojrDy$1oJ5pFxWv2K4xxbbJeZ+9tbPlYJT0D3lU+OoF4QnX08='),
    (26, 'iwalker'   , 'Isla'    , 'Walker'      , 'Human Resources'         , false, false, false,
     'pbkdf2_sha256$600000$4ZydDh6kV0BL3xT8gyOhbr$a9Fw4SNHPDLzZykGWYaVSSoeurtHoWXeQnXQc2nSZb8='),
    (27, 'ftanaka'   , 'Fumiko'  , 'Tanaka'      , 'Regulatory Affairs'      , false, false, true ,
     'pbkdf2_sha256$600000$plIQ8Au8YSa9EpwpuAH2ig$P1cUC/9deN+jdvby3fUnHBk1w5VCebPi480BKBmyEjo='),
    (28, 'ylopez'    , 'Yolanda' , 'Lopez'       , 'Quality Assurance'       , false, false, true ,
     'pbkdf2_sha256$600000$8CUvdF5xcUIrYoLHuiHHPm$WP00nOU2xzXRwyaykWjY2gta04n6U7QqO3GfeprpT90='),
    (29, 'zmoreau'   , 'Zoe'     , 'Moreau'      , 'Manufacturing'           , false, false, true ,
     'pbkdf2_sha256$600000$pKPaCRfjfuKwU3BZ7iQUGy$AhM/kZA0JtMNjxlTMvwv1yEiXXUeycIPy5prJEcEwDM='),
    (30, 'qevans'    , 'Quentin' , 'Evans'       , 'Engineering'             , false, false, true ,
     'pbkdf2_sha256$600000$5d5FmIeKGANgQwxIF4Qb4b$gKgATGGOu1T2ADeJTYtSrkvKstYQNo23EudMCINTHLg='),
    (31, 'uschmidt'  , 'Ursula'  , 'Schmidt'     , 'Document Control'        , false, false, true ,
     'pbkdf2_sha256$600000$cXZLk1X5HIU5OIirgUgqc8$IG5qfiY817zfIoOmIAf4G5mgJBn/+E4Ih7dU65ryOQs='),
    (32, 'wcollins'  , 'William' , 'Collins'     , 'Finance'                 , false, false, false,
     'pbkdf2_sha256$600000$Sv6QDp6ppXYVSppYX6vbmw$FY7K2btLl7hRzgsiF0L4eleR017Zmio1D/OIOoS2V/M=')
) AS v (id, username, first_name, last_name, department, is_staff, is_superuser, is_active, password);

-- ---------------------------------------------------------------- roles (exactly 7 core roles)
INSERT INTO users_role (id, uuid, name, description, module, permission_level, is_active, created_at)
SELECT v.id, md5('edms-role-' || v.name)::uuid, v.name, v.description, v.module, v.level, true,
       timestamptz '2021-01-04 08:00:00+00' + v.id * interval '1 minute'
FROM (VALUES
    (1, 'System Administrator', 'Full administrative access to every module and setting', 'system',    100),
    (2, 'Document Admin',       'Manages document types, sources, numbering and user access', 'documents', 90),
    (3, 'Document Approver',    'Approves documents and makes them effective',            'documents',  70),
    (4, 'Records Manager',      'Manages retention, archiving and disposal of records',   'records',    60),
    (5, 'Document Reviewer',    'Reviews documents and returns comments to the author',   'documents',  50),
    (6, 'Document Author',      'Creates and revises documents',                          'documents',  30),
    (7, 'Document Viewer',      'Reads effective documents',                              'documents',  10)
) AS v (id, name, description, module, level);

-- ---------------------------------------------------------------- user roles (exactly 5)
INSERT INTO users_userrole (id, uuid, user_id, role_id, assigned_by_id, assigned_at, is_active)
SELECT v.id, md5('edms-userrole-' || v.username || '-' || v.role)::uuid, u.id, r.id, 1,
       timestamptz '2021-03-01 09:00:00+00' + v.id * interval '1 hour', true
FROM (VALUES (1, 'author01', 'Document Author'), (2, 'reviewer01', 'Document Reviewer'),
             (3, 'viewer01', 'Document Viewer'), (4, 'approver01', 'Document Approver'),
             (5, 'admin01', 'Document Admin')) AS v (id, username, role)
JOIN users_user u ON u.username = v.username
JOIN users_role r ON r.name = v.role;

-- ---------------------------------------------------------------- document types and sources
INSERT INTO documents_documenttype (id, uuid, code, name, description, numbering_prefix, retention_years,
                                    requires_approval, is_active, created_at)
SELECT v.id, md5('edms-doctype-' || v.code)::uuid, v.code, v.name, v.description, v.code, v.retention,
       v.code NOT IN ('REC', 'RPT'), true, timestamptz '2021-01-04 09:00:00+00' + v.id * interval '1 minute'
FROM (VALUES
    (1, 'POL',  'Policy',                       'High-level statement of intent and direction', 10),
    (2, 'SOP',  'Standard Operating Procedure', 'Step-by-step procedure for a recurring process', 7),
    (3, 'WI',   'Work Instruction',             'Detailed instruction for a single task or station', 7),
    (4, 'FRM',  'Form',                         'Blank template to be completed as a record', 5),
    (5, 'REC',  'Record',                       'Completed evidence of an activity', 15),
    (6, 'SPEC', 'Specification',                'Requirements for a material, product or system', 10),
    (7, 'MAN',  'Manual',                       'Comprehensive reference manual', 10),
    (8, 'TRN',  'Training Material',            'Course material and assessments', 5),
    (9, 'RPT',  'Report',                       'Periodic or investigation report', 7)
) AS v (id, code, name, description, retention);

INSERT INTO documents_documentsource (id, uuid, name, description, source_type, is_active, created_at)
SELECT v.id, md5('edms-docsource-' || v.name)::uuid, v.name, v.description, v.source_type, v.id <> 8,
       timestamptz '2021-01-04 09:30:00+00' + v.id * interval '1 minute'
FROM (VALUES
    (1,  'Original Digital',       'Authored directly in the EDMS',                     'DIGITAL'),
    (2,  'Scanned Original',       'Paper original scanned at the document centre',     'SCANNED'),
    (3,  'Scanned Copy',           'Scanned copy of a controlled paper document',       'SCANNED'),
    (4,  'Email Import',           'Imported from the document control mailbox',        'IMPORT'),
    (5,  'SharePoint Migration',   'Migrated from the former SharePoint library',       'IMPORT'),
    (6,  'Legacy EDMS Import',     'Bulk import from the legacy document system',       'IMPORT'),
    (7,  'Vendor Supplied',        'Provided by a supplier or contractor',              'EXTERNAL'),
    (8,  'Regulatory Submission',  'Copy of a document filed with an authority',        'EXTERNAL'),
    (9,  'Web Upload',             'Uploaded through the self-service portal',          'DIGITAL'),
    (10, 'API Integration',        'Created by an integrated system through the API',   'INTEGRATION')
) AS v (id, name, description, source_type);

-- ---------------------------------------------------------------- documents (400)
-- Documents 301..400 with n % 3 = 0 supersede document n - 300; document 300 supersedes 200,
-- which supersedes 100 (a chain of three). Superseding documents keep the title and type.
INSERT INTO documents_document (id, uuid, document_number, title, description, document_type_id,
                                document_source_id, author_id, reviewer_id, approver_id, status,
                                version_major, version_minor, file_name, file_path, file_size,
                                file_checksum, supersedes_id, keywords, metadata, created_at,
                                updated_at, effective_date, review_period)
WITH g AS (
    SELECT n,
           CASE WHEN n > 300 AND n % 3 = 0 THEN n - 300 WHEN n = 300 THEN 200 WHEN n = 200 THEN 100 END AS sup,
           CASE WHEN n > 300 AND n % 3 = 0 THEN n - 300 WHEN n IN (200, 300) THEN 100 ELSE n END AS root,
           timestamptz '2021-01-05 08:00:00+00' + (n - 1) * interval '4 days'
               + (pg_temp.edms_h('created' || n) % 36000) * interval '1 second' AS created_at
    FROM generate_series(1, 400) AS n
), t AS (
    SELECT g.*,
           pg_temp.edms_pick(ARRAY['SOP', 'SOP', 'SOP', 'WI', 'WI', 'POL', 'FRM', 'FRM', 'REC', 'REC',
                                   'SPEC', 'MAN', 'TRN', 'RPT'], 'type' || root) AS code,
           pg_temp.edms_pick(ARRAY['Cleaning and Sanitation', 'Change Control', 'Deviation Management',
                 'Document Control', 'Equipment Calibration', 'Supplier Qualification', 'Internal Audit',
                 'Corrective and Preventive Action', 'Personnel Training', 'Batch Record Review',
                 'Environmental Monitoring', 'Data Integrity', 'Quality Risk Management', 'Complaint Handling',
                 'Process Validation', 'Warehouse Receiving', 'Labelling Control', 'Raw Material Sampling',
                 'Stability Testing', 'IT Access Management', 'Backup and Recovery', 'Records Retention',
                 'Incident Reporting', 'Laboratory Investigations', 'Preventive Maintenance'], 'area' || root) AS area,
           pg_temp.edms_pick(ARRAY['', '', '', ' for Site A', ' for Production', ' for the Laboratory',
                 ' for the Warehouse', ' (Global)', ' for Contractors', ' for Line 2', ' for Packaging'],
                 'qual' || root) AS qual,
           extract(year FROM created_at)::int AS year,
           CASE WHEN n IN (SELECT sup FROM g WHERE sup IS NOT NULL) THEN 'SUPERSEDED'
                WHEN sup IS NOT NULL THEN 'EFFECTIVE'
                ELSE (ARRAY['DRAFT', 'DRAFT', 'UNDER_REVIEW', 'UNDER_REVIEW', 'APPROVED', 'OBSOLETE',
                            'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE',
                            'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE', 'EFFECTIVE',
                            'EFFECTIVE', 'EFFECTIVE'])[1 + pg_temp.edms_h('status' || n) % 20]
           END AS status
    FROM g
), d AS (
    SELECT t.*, dt.id AS type_id, dt.name AS type_name,
           t.code || '-' || t.year || '-'
               || lpad(row_number() OVER (PARTITION BY t.code, t.year ORDER BY t.n)::text, 4, '0') AS number,
           CASE WHEN t.status IN ('DRAFT', 'UNDER_REVIEW') THEN 1 + pg_temp.edms_h('vc' || t.n) % 2
                ELSE 2 + pg_temp.edms_h('vc' || t.n) % 2 END AS vcount,
           CASE WHEN pg_temp.edms_h('author' || t.n) % 4 = 0 THEN 3
                ELSE 8 + pg_temp.edms_h('author' || t.n) % 25 END AS author_id
    FROM t JOIN documents_documenttype dt ON dt.code = t.code
)
SELECT n, md5('edms-document-' || n)::uuid, number,
       area || ' ' || CASE code WHEN 'POL' THEN 'Policy' WHEN 'SOP' THEN 'Procedure' WHEN 'WI' THEN 'Work Instruction'
                                WHEN 'FRM' THEN 'Form' WHEN 'REC' THEN 'Log' WHEN 'SPEC' THEN 'Specification'
                                WHEN 'MAN' THEN 'Manual' WHEN 'TRN' THEN 'Training Module' ELSE 'Annual Report' END || qual,
       'Controlled ' || lower(type_name) || ' covering ' || lower(area) || ' requirements' || qual || '.',
       type_id,
       1 + pg_temp.edms_h('source' || n) % 10,
       author_id,
       CASE WHEN status = 'DRAFT' THEN NULL
            WHEN pg_temp.edms_h('reviewer' || n) % 3 = 0 THEN 4
            ELSE 8 + (pg_temp.edms_h('reviewer' || n) % 25 + CASE WHEN 8 + pg_temp.edms_h('reviewer' || n) % 25 = author_id THEN 1 ELSE 0 END) % 25 END,
       CASE WHEN status IN ('DRAFT', 'UNDER_REVIEW') THEN NULL
            WHEN pg_temp.edms_h('approver' || n) % 2 = 0 THEN 6
            ELSE (ARRAY[7, 8, 21, 28, 31])[1 + pg_temp.edms_h('approver' || n) % 5] END,
       status::document_status,
       vcount / 2, vcount % 2,
       number || '.txt', 'documents/' || number || '.txt', 0, NULL,
       sup,
       ARRAY[lower(area), lower(code),
             pg_temp.edms_pick(ARRAY['gmp', 'iso9001', 'iso13485', 'part11', 'annex11', 'safety', 'quality',
                                     'compliance', 'training', 'records', 'it', 'audit'], 'kw1' || n)]
           || CASE WHEN n % 4 = 0 THEN ARRAY[pg_temp.edms_pick(ARRAY['urgent', 'legacy', 'controlled copy',
                                           'bilingual', 'site-specific'], 'kw2' || n)] ELSE ARRAY[]::text[] END,
       jsonb_build_object(
           'department', pg_temp.edms_pick(ARRAY['Quality Assurance', 'Manufacturing', 'Laboratory', 'Engineering',
                                                 'Regulatory Affairs', 'Supply Chain', 'Information Technology'], 'dept' || n),
           'confidentiality', pg_temp.edms_pick(ARRAY['PUBLIC', 'INTERNAL', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'], 'conf' || n),
           'language', CASE WHEN n % 17 = 0 THEN 'de' ELSE 'en' END,
           'page_count', 1 + pg_temp.edms_h('pages' || n) % 48,
           'training_required', pg_temp.edms_h('train' || n) % 3 = 0,
           'regulations', CASE WHEN n % 5 = 0 THEN '[]'::jsonb
                               ELSE jsonb_build_array(pg_temp.edms_pick(ARRAY['21 CFR 211', '21 CFR 820', 'EU GMP Annex 11',
                                        'ISO 9001:2015', 'ISO 13485:2016', 'ICH Q9'], 'reg' || n)) END,
           'legacy_id', CASE WHEN n % 7 = 0 THEN to_jsonb('LEG-' || (90000 + n)) ELSE 'null'::jsonb END),
       created_at,
       created_at + (pg_temp.edms_h('updated' || n) % 200) * interval '1 day' + interval '2 hours',
       CASE WHEN status IN ('EFFECTIVE', 'SUPERSEDED', 'OBSOLETE') THEN (created_at AT TIME ZONE 'UTC')::date + 30 END,
       CASE code WHEN 'POL' THEN interval '3 years' WHEN 'SOP' THEN interval '2 years' WHEN 'WI' THEN interval '1 year'
                 WHEN 'FRM' THEN interval '2 years' WHEN 'REC' THEN NULL WHEN 'SPEC' THEN interval '18 months'
                 WHEN 'MAN' THEN interval '3 years' WHEN 'TRN' THEN interval '1 year 6 months' ELSE interval '90 days' END
FROM d
ORDER BY n;

-- ---------------------------------------------------------------- versions (~900)
-- Version k of a document is k/2 . k%2 (0.1, 1.0, 1.1, 2.0); the document carries its last one.
INSERT INTO documents_documentversion (id, uuid, document_id, version_number, file_path, file_checksum,
                                       created_by_id, created_at, change_summary)
SELECT row_number() OVER (ORDER BY d.id, k),
       md5('edms-version-' || d.id || '-' || k)::uuid,
       d.id,
       (k / 2) || '.' || (k % 2),
       'versions/' || d.document_number || '/v' || (k / 2) || '.' || (k % 2) || '.txt',
       NULL,
       CASE WHEN k % 2 = 1 OR d.reviewer_id IS NULL THEN d.author_id ELSE d.reviewer_id END,
       d.created_at + (k - 1) * interval '37 days' + (pg_temp.edms_h('vt' || d.id || k) % 7200) * interval '1 second',
       CASE WHEN k = 1 THEN 'Initial draft'
            ELSE pg_temp.edms_pick(ARRAY['Periodic review, no technical change', 'Updated responsibilities section',
                   'Incorporated reviewer comments', 'Aligned with revised regulation',
                   'Added acceptance criteria', 'Corrected typographical errors', 'Updated references and forms',
                   'Reworded procedure steps for clarity', 'Released for use'], 'cs' || d.id || k) END
FROM documents_document d
CROSS JOIN LATERAL generate_series(1, d.version_major * 2 + d.version_minor) AS k
ORDER BY d.id, k;

UPDATE documents_document d
SET current_version_id = v.id
FROM documents_documentversion v
WHERE v.document_id = d.id AND v.version_number = d.version_major || '.' || d.version_minor;

-- real size and SHA-256 of the files make-storage.sh writes
UPDATE documents_document d
SET file_size = octet_length(convert_to(c.body, 'UTF8')),
    file_checksum = encode(sha256(convert_to(c.body, 'UTF8')), 'hex')
FROM (SELECT d2.id,
             pg_temp.edms_doc_text(d2.document_number, d2.title, dt.name,
                                   d2.version_major || '.' || d2.version_minor,
                                   u.first_name || ' ' || u.last_name || ' (' || u.username || ')') AS body
      FROM documents_document d2
      JOIN documents_documenttype dt ON dt.id = d2.document_type_id
      JOIN users_user u ON u.id = d2.author_id) AS c
WHERE c.id = d.id;

UPDATE documents_documentversion v
SET file_checksum = encode(sha256(convert_to(
        pg_temp.edms_version_text(d.document_number, d.title, v.version_number, v.change_summary), 'UTF8')), 'hex')
FROM documents_document d
WHERE d.id = v.document_id;

-- ---------------------------------------------------------------- dependencies (~300)
-- Random-looking links plus deliberate cycles: 2-cycles 10<->20, 55<->56, 120<->240 and a
-- 3-cycle 7 -> 8 -> 9 -> 7. No self loops (CHECK constraint).
INSERT INTO documents_documentdependency (id, document_id, depends_on_id, dependency_type, description,
                                          created_by_id, created_at)
WITH cand AS (
    SELECT n AS document_id, 1 + pg_temp.edms_h('dep' || n || '/' || j) % 400 AS depends_on_id, j
    FROM generate_series(1, 400) AS n, generate_series(1, 2) AS j
    WHERE pg_temp.edms_h('depsel' || n || '/' || j) % 8 < 3
    UNION ALL
    SELECT a, b, 0 FROM (VALUES (10, 20), (20, 10), (55, 56), (56, 55), (120, 240), (240, 120),
                                (7, 8), (8, 9), (9, 7)) AS c (a, b)
), uniq AS (
    SELECT DISTINCT ON (document_id, depends_on_id) document_id, depends_on_id
    FROM cand WHERE document_id <> depends_on_id
    ORDER BY document_id, depends_on_id, j
)
SELECT row_number() OVER (ORDER BY u.document_id, u.depends_on_id),
       u.document_id, u.depends_on_id,
       pg_temp.edms_pick(ARRAY['REFERENCES', 'REFERENCES', 'REQUIRES', 'IMPLEMENTS', 'TEMPLATE', 'RELATED'],
                         'dt' || u.document_id || '/' || u.depends_on_id),
       'See ' || d2.document_number,
       d.author_id,
       greatest(d.created_at, d2.created_at) + interval '1 day'
FROM uniq u
JOIN documents_document d ON d.id = u.document_id
JOIN documents_document d2 ON d2.id = u.depends_on_id
ORDER BY 1;

-- ---------------------------------------------------------------- workflows (~300) and transitions (~1000)
CREATE TEMP TABLE edms_wf AS
SELECT row_number() OVER (ORDER BY d.id) AS id, d.id AS document_id, d.status, d.author_id,
       coalesce(d.reviewer_id, 4) AS reviewer_id, coalesce(d.approver_id, 6) AS approver_id,
       d.created_at + interval '3 days' AS created_at,
       1 + (pg_temp.edms_h('wfn' || d.id) % 6)::int AS steps
FROM documents_document d
WHERE pg_temp.edms_h('wf' || d.id) % 4 <> 0;

INSERT INTO workflows_documentworkflow (id, uuid, document_id, workflow_type, current_state, initiated_by_id,
                                        current_assignee_id, due_date, created_at, completed_at)
SELECT w.id, md5('edms-workflow-' || w.id)::uuid, w.document_id,
       CASE WHEN w.status IN ('DRAFT', 'UNDER_REVIEW') THEN 'REVIEW_APPROVAL'
            WHEN w.status = 'SUPERSEDED' THEN 'UP_VERSION'
            WHEN w.status = 'OBSOLETE' THEN 'OBSOLETION'
            ELSE pg_temp.edms_pick(ARRAY['REVIEW_APPROVAL', 'PERIODIC_REVIEW', 'UP_VERSION'], 'wft' || w.id) END,
       (ARRAY['DRAFT', 'PENDING_REVIEW', 'UNDER_REVIEW', 'REVIEWED', 'PENDING_APPROVAL', 'APPROVED', 'EFFECTIVE'])[w.steps + 1],
       w.author_id,
       CASE WHEN w.steps = 6 THEN NULL WHEN w.steps <= 3 THEN w.reviewer_id ELSE w.approver_id END,
       (w.created_at AT TIME ZONE 'UTC')::date + 14,
       w.created_at,
       CASE WHEN w.steps = 6 THEN w.created_at + w.steps * interval '2 days' + interval '5 hours' END
FROM edms_wf w
ORDER BY w.id;

INSERT INTO workflows_workflowtransition (id, workflow_id, from_state, to_state, transitioned_by_id,
                                          transitioned_at, comment)
SELECT row_number() OVER (ORDER BY w.id, i), w.id,
       (ARRAY['DRAFT', 'PENDING_REVIEW', 'UNDER_REVIEW', 'REVIEWED', 'PENDING_APPROVAL', 'APPROVED', 'EFFECTIVE'])[i],
       (ARRAY['DRAFT', 'PENDING_REVIEW', 'UNDER_REVIEW', 'REVIEWED', 'PENDING_APPROVAL', 'APPROVED', 'EFFECTIVE'])[i + 1],
       CASE WHEN i = 1 THEN w.author_id WHEN i <= 3 THEN w.reviewer_id WHEN i <= 5 THEN w.approver_id ELSE 2 END,
       w.created_at + i * interval '2 days' - (pg_temp.edms_h('tt' || w.id || '/' || i) % 43200) * interval '1 second',
       CASE i WHEN 1 THEN 'Submitted for review'
              WHEN 2 THEN 'Review started'
              WHEN 3 THEN pg_temp.edms_pick(ARRAY['Reviewed, no comments', 'Reviewed with minor comments',
                                                  'Comments resolved by author'], 'rc' || w.id)
              WHEN 4 THEN 'Sent for approval'
              WHEN 5 THEN pg_temp.edms_pick(ARRAY['Approved', 'Approved, training required before use',
                                                  'Approved with conditions'], 'ac' || w.id)
              ELSE 'Made effective by the system' END
FROM edms_wf w
CROSS JOIN LATERAL generate_series(1, w.steps) AS i
ORDER BY w.id, i;

DROP TABLE edms_wf;

-- ---------------------------------------------------------------- audit trail (13,000)
INSERT INTO audit_audittrail (id, uuid, user_id, action, object_type, object_id, object_uuid, description,
                              ip_address, user_agent, session_id, "timestamp", details)
WITH a AS (
    SELECT n,
           CASE WHEN pg_temp.edms_h('au' || n) % 30 = 0 THEN NULL ELSE 1 + pg_temp.edms_h('au' || n) % 32 END AS user_id,
           pg_temp.edms_pick(ARRAY['LOGIN', 'LOGIN', 'LOGOUT', 'VIEW', 'VIEW', 'VIEW', 'VIEW', 'DOWNLOAD', 'DOWNLOAD',
                                   'CREATE', 'UPDATE', 'UPDATE', 'REVIEW', 'APPROVE', 'WORKFLOW_TRANSITION',
                                   'LOGIN_FAILED', 'EXPORT', 'PERMISSION_CHANGE'], 'aa' || n) AS action,
           1 + pg_temp.edms_h('ad' || n) % 400 AS doc_id,
           timestamptz '2022-01-03 07:00:00+00' + n * interval '2 hours 10 minutes'
               + (pg_temp.edms_h('ats' || n) % 3600) * interval '1 second' AS ts
    FROM generate_series(1, 13000) AS n
)
SELECT a.n, md5('edms-audit-' || a.n)::uuid, a.user_id, a.action,
       CASE WHEN a.action IN ('LOGIN', 'LOGOUT', 'LOGIN_FAILED', 'PERMISSION_CHANGE') THEN 'User' ELSE 'Document' END,
       CASE WHEN a.action IN ('LOGIN', 'LOGOUT', 'LOGIN_FAILED', 'PERMISSION_CHANGE') THEN coalesce(u.id::text, '')
            ELSE d.id::text END,
       CASE WHEN a.action IN ('LOGIN', 'LOGOUT', 'LOGIN_FAILED', 'PERMISSION_CHANGE') THEN u.uuid ELSE d.uuid END,
       CASE a.action WHEN 'LOGIN' THEN 'User ' || coalesce(u.username, 'anonymous') || ' logged in'
                     WHEN 'LOGOUT' THEN 'User ' || coalesce(u.username, 'anonymous') || ' logged out'
                     WHEN 'LOGIN_FAILED' THEN 'Failed login attempt for ' || coalesce(u.username, 'unknown user')
                     WHEN 'PERMISSION_CHANGE' THEN 'Permissions of ' || coalesce(u.username, 'a user') || ' changed'
                     ELSE initcap(replace(a.action, '_', ' ')) || ' of document ' || d.document_number END,
       CASE WHEN a.n % 50 = 0 THEN ('2001:db8:' || to_hex(a.n % 65536) || '::' || to_hex(1 + a.n % 4000))::inet
            ELSE ('10.' || pg_temp.edms_h('ip1' || a.n) % 8 || '.' || pg_temp.edms_h('ip2' || coalesce(a.user_id, 0)) % 256
                  || '.' || 1 + pg_temp.edms_h('ip3' || a.n) % 254)::inet END,
       pg_temp.edms_pick(ARRAY['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
                               'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
                               'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
                               'python-requests/2.31.0', 'EDMS-Sync/3.2 (+integration)'], 'ua' || coalesce(a.user_id, 0) || (a.n / 500)),
       substr(md5('session-' || coalesce(a.user_id, 0) || '-' || (a.n / 40)), 1, 32),
       a.ts,
       jsonb_build_object('method', CASE WHEN a.action IN ('VIEW', 'DOWNLOAD', 'EXPORT') THEN 'GET' ELSE 'POST' END,
                          'path', CASE WHEN a.action IN ('LOGIN', 'LOGOUT', 'LOGIN_FAILED') THEN '/api/v1/auth/' || lower(a.action) || '/'
                                       WHEN a.action = 'PERMISSION_CHANGE' THEN '/api/v1/users/' || coalesce(u.uuid::text, '') || '/roles/'
                                       ELSE '/api/v1/documents/' || d.uuid || '/' END,
                          'status', CASE WHEN a.action = 'LOGIN_FAILED' THEN 401 ELSE 200 END,
                          'duration_ms', 5 + pg_temp.edms_h('dur' || a.n) % 900)
           || CASE WHEN a.action = 'DOWNLOAD' THEN jsonb_build_object('file', d.file_name, 'bytes', d.file_size)
                   WHEN a.action = 'UPDATE' THEN jsonb_build_object('changed_fields', jsonb_build_array('title', 'keywords'))
                   ELSE '{}'::jsonb END
FROM a
LEFT JOIN users_user u ON u.id = a.user_id
JOIN documents_document d ON d.id = a.doc_id
ORDER BY a.n;

-- ---------------------------------------------------------------- sequences past the loaded ids
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname AS tbl, a.attname AS col,
                    pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS seq
             FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             WHERE n.nspname = 'public' AND c.relkind = 'r'
               AND pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) IS NOT NULL
    LOOP
        EXECUTE format('SELECT setval(%L, coalesce((SELECT max(%I) FROM public.%I), 0) + 1, false)',
                       r.seq, r.col, r.tbl);
    END LOOP;
END $$;
