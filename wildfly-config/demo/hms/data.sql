-- HMS demo source: data. Run after schema.sql, in the same database, by psql.
-- Deterministic: the same script always produces the same rows; pseudo-randomness comes from
-- md5() through the session-local helpers below (schema pg_temp, nothing is left behind).
-- users.password_hash values are placeholders in Werkzeug's format, not real hashes: nobody
-- logs in to the demo HMS.

SET TimeZone = 'UTC';
SET client_min_messages = warning;

-- 60-bit non-negative hash of a text
CREATE FUNCTION pg_temp.h(text) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT ('x' || substr(md5($1), 1, 15))::bit(60)::bigint $$;
-- hash modulo m, as integer
CREATE FUNCTION pg_temp.hi(text, integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT (pg_temp.h($1) % $2)::int $$;
-- deterministic pick from an array
CREATE FUNCTION pg_temp.pick(anyarray, text) RETURNS anyelement LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT $1[1 + pg_temp.hi($2, cardinality($1))] $$;
-- money amount between lo and hi (two decimals)
CREATE FUNCTION pg_temp.money(text, numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT round($2 + (pg_temp.h($1) % 1000000) / 1000000.0 * ($3 - $2), 2) $$;

CREATE TEMP TABLE names AS SELECT
    ARRAY['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Carlos',
          'Daniel', 'Paul', 'Mark', 'Miguel', 'Jose', 'Andrew', 'Kevin', 'Brian', 'George', 'Edward',
          'Ronald', 'Anthony', 'Rafael', 'Jason', 'Ryan', 'Jacob', 'Gary', 'Nicholas', 'Eric', 'Stephen'] AS male,
    ARRAY['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
          'Maria', 'Nancy', 'Lisa', 'Margaret', 'Sandra', 'Ashley', 'Kimberly', 'Emily', 'Donna', 'Michelle',
          'Carmen', 'Angela', 'Melissa', 'Rebecca', 'Laura', 'Sofia', 'Isabel', 'Grace', 'Rosa', 'Ana'] AS female,
    ARRAY['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
          'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
          'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
          'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
          'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Santos'] AS last,
    ARRAY['Maple', 'Oak', 'Pine', 'Cedar', 'Elm', 'Rizal', 'Mabini', 'Bonifacio', 'Lakeview', 'Hillcrest',
          'Sunset', 'River', 'Church', 'Market', 'Station'] AS street,
    ARRAY['Springfield', 'Riverside', 'Fairview', 'Greenville', 'Madison', 'Georgetown', 'Salem', 'Clinton',
          'Franklin', 'Ashland'] AS city;

-- ================================================================ users (300, shared)
-- 1 = system administrator; 2..9 = department heads; 300 = hospital director, hired last but
-- manager of the department heads (forward self-references); everyone else reports to a head.
INSERT INTO users (id, username, email, full_name, password_hash, role, department, position, manager_id,
                   phone, hire_date, is_active, last_login, created_at)
WITH r AS (
    SELECT n,
           CASE n WHEN 1 THEN 'admin' WHEN 2 THEN 'hr_staff' WHEN 3 THEN 'doctor' WHEN 4 THEN 'nurse'
                  WHEN 5 THEN 'logistics_staff' WHEN 6 THEN 'finance_staff' WHEN 7 THEN 'pharmacist'
                  WHEN 8 THEN 'lab_technician' WHEN 9 THEN 'admin' WHEN 300 THEN 'admin'
                  ELSE pg_temp.pick(ARRAY['doctor', 'doctor', 'doctor', 'doctor', 'doctor', 'doctor',
                          'nurse', 'nurse', 'nurse', 'nurse', 'nurse', 'nurse', 'nurse', 'nurse', 'nurse',
                          'pharmacist', 'lab_technician', 'lab_technician', 'receptionist', 'receptionist',
                          'hr_staff', 'hr_staff', 'finance_staff', 'finance_staff', 'logistics_staff',
                          'logistics_staff', 'driver', 'driver'], 'role' || n) END AS role,
           pg_temp.hi('sex' || n, 2) = 0 AS is_male
    FROM generate_series(1, 300) AS n
), p AS (
    SELECT r.*,
           CASE WHEN n = 1 THEN 'System' WHEN n = 300 THEN 'Helena'
                WHEN is_male THEN pg_temp.pick(names.male, 'fn' || n) ELSE pg_temp.pick(names.female, 'fn' || n) END AS first,
           CASE WHEN n = 1 THEN 'Administrator' WHEN n = 300 THEN 'Vargas'
                ELSE pg_temp.pick(names.last, 'ln' || n) END AS last
    FROM r, names
)
SELECT n,
       CASE WHEN n = 1 THEN 'admin' ELSE lower(left(first, 1) || last) || n END,
       CASE WHEN n = 1 THEN 'admin@hms.example.org' ELSE lower(left(first, 1) || last) || n || '@hms.example.org' END,
       CASE WHEN role = 'doctor' THEN 'Dr. ' ELSE '' END || first || ' ' || last,
       'scrypt:32768:8:1$' || substr(md5('salt' || n), 1, 16) || '$' || md5('pw1' || n) || md5('pw2' || n)
           || md5('pw3' || n) || md5('pw4' || n),
       role::user_role,
       CASE WHEN role IN ('doctor', 'nurse', 'pharmacist', 'lab_technician', 'receptionist') THEN 'CT'
            WHEN role = 'hr_staff' THEN 'HR' WHEN role = 'finance_staff' THEN 'FIN'
            WHEN role IN ('logistics_staff', 'driver') THEN 'LOG' ELSE 'ADMIN' END,
       CASE n WHEN 1 THEN 'System Administrator' WHEN 2 THEN 'HR Director' WHEN 3 THEN 'Medical Director'
              WHEN 4 THEN 'Chief Nurse' WHEN 5 THEN 'Logistics Manager' WHEN 6 THEN 'Finance Director'
              WHEN 7 THEN 'Chief Pharmacist' WHEN 8 THEN 'Laboratory Head' WHEN 9 THEN 'Administrative Officer'
              WHEN 300 THEN 'Hospital Director'
              ELSE CASE role WHEN 'doctor' THEN pg_temp.pick(ARRAY['Resident Physician', 'Attending Physician',
                                     'Surgeon', 'Pediatrician', 'Cardiologist', 'Internist'], 'pos' || n)
                             WHEN 'nurse' THEN pg_temp.pick(ARRAY['Staff Nurse', 'Staff Nurse', 'Charge Nurse',
                                     'Nurse Practitioner'], 'pos' || n)
                             WHEN 'pharmacist' THEN 'Pharmacist' WHEN 'lab_technician' THEN 'Medical Technologist'
                             WHEN 'receptionist' THEN 'Front Desk Officer' WHEN 'hr_staff' THEN 'HR Specialist'
                             WHEN 'finance_staff' THEN pg_temp.pick(ARRAY['Accountant', 'Billing Clerk', 'Cashier'], 'pos' || n)
                             WHEN 'logistics_staff' THEN pg_temp.pick(ARRAY['Warehouse Clerk', 'Purchasing Officer',
                                     'Maintenance Technician'], 'pos' || n)
                             ELSE 'Ambulance Driver' END END,
       CASE WHEN n = 1 THEN NULL WHEN n = 300 THEN 1 WHEN n <= 9 THEN 300
            ELSE CASE role WHEN 'doctor' THEN 3 WHEN 'nurse' THEN 4 WHEN 'pharmacist' THEN 7
                           WHEN 'lab_technician' THEN 8 WHEN 'receptionist' THEN 3 WHEN 'hr_staff' THEN 2
                           WHEN 'finance_staff' THEN 6 ELSE 5 END END,
       CASE WHEN n % 11 = 0 THEN NULL ELSE '+1-555-' || lpad(pg_temp.hi('ph' || n, 10000)::text, 4, '0') END,
       date '2012-01-02' + CASE WHEN n = 300 THEN 4700 ELSE pg_temp.hi('hire' || n, 4500) END,
       n IN (1, 300) OR pg_temp.hi('act' || n, 40) <> 0,
       CASE WHEN n % 7 = 0 THEN NULL
            ELSE timestamptz '2025-06-01 06:00:00+00' + pg_temp.hi('ll' || n, 2592000) * interval '1 second' END,
       timestamptz '2012-01-02 09:00:00+00' + CASE WHEN n = 300 THEN 4700 ELSE pg_temp.hi('hire' || n, 4500) END * interval '1 day'
FROM p
ORDER BY n;

CREATE TEMP TABLE role_ids AS
SELECT role::text AS role, array_agg(id ORDER BY id) AS ids FROM users WHERE is_active GROUP BY role
UNION ALL
SELECT 'dept:' || department, array_agg(id ORDER BY id) FROM users WHERE is_active GROUP BY department;
-- a deterministic active user of a role (or 'dept:XX')
CREATE FUNCTION pg_temp.uid(text, text) RETURNS integer LANGUAGE sql STABLE STRICT AS
$$ SELECT ids[1 + pg_temp.hi($2, cardinality(ids))] FROM role_ids WHERE role = $1 $$;

-- ================================================================ HR1: Talent Acquisition
INSERT INTO vacancies (id, title, department, employment_type, openings, salary_min, salary_max, status,
                       posted_date, closing_date, requirements, created_by, created_at)
SELECT n, v.title, v.dept,
       pg_temp.pick(ARRAY['FULL_TIME', 'FULL_TIME', 'PART_TIME', 'CONTRACT'], 'et' || n),
       1 + pg_temp.hi('op' || n, 5),
       v.base + pg_temp.hi('smin' || n, 10) * 1000,
       v.base + pg_temp.hi('smin' || n, 10) * 1000 + 5000 + pg_temp.hi('smax' || n, 10) * 1000,
       CASE WHEN n <= 35 THEN pg_temp.pick(ARRAY['FILLED', 'FILLED', 'CLOSED'], 'vs' || n)
            ELSE pg_temp.pick(ARRAY['OPEN', 'OPEN', 'OPEN', 'ON_HOLD'], 'vs' || n) END,
       date '2024-01-08' + n * 6,
       CASE WHEN n % 6 = 0 THEN NULL ELSE date '2024-01-08' + n * 6 + 30 END,
       jsonb_build_object('education', v.edu, 'years_experience', pg_temp.hi('yx' || n, 6),
                          'licenses', CASE WHEN v.lic IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(v.lic) END,
                          'shift_work', v.dept = 'CT'),
       pg_temp.uid('dept:HR', 'vcb' || n),
       (date '2024-01-08' + n * 6 + time '09:30') AT TIME ZONE 'UTC'
FROM generate_series(1, 60) AS n
CROSS JOIN LATERAL (SELECT * FROM (VALUES
        (0, 'Staff Nurse', 'CT', 28000, 'BS Nursing', 'RN'), (1, 'Resident Physician', 'CT', 60000, 'MD', 'MD License'),
        (2, 'Medical Technologist', 'CT', 26000, 'BS Medical Technology', 'RMT'),
        (3, 'Pharmacist', 'CT', 30000, 'BS Pharmacy', 'RPh'), (4, 'HR Assistant', 'HR', 20000, 'BS Psychology', NULL),
        (5, 'Accountant', 'FIN', 32000, 'BS Accountancy', 'CPA'), (6, 'Billing Clerk', 'FIN', 18000, 'College graduate', NULL),
        (7, 'Ambulance Driver', 'LOG', 17000, 'High school', 'Professional driver'),
        (8, 'Warehouse Clerk', 'LOG', 17000, 'College level', NULL),
        (9, 'Radiologic Technologist', 'CT', 27000, 'BS Radiologic Technology', 'RRT'),
        (10, 'IT Support Specialist', 'ADMIN', 25000, 'BS Information Technology', NULL)
    ) AS t (k, title, dept, base, edu, lic) WHERE t.k = pg_temp.hi('vt' || n, 11)) AS v
ORDER BY n;

INSERT INTO applicants (id, vacancy_id, first_name, last_name, email, phone, source, status, expected_salary,
                        resume_path, applied_at)
SELECT n, v.id, f.first, f.last,
       lower(f.first || '.' || f.last) || n || '@mail.example.com',
       CASE WHEN n % 9 = 0 THEN NULL ELSE '+1-555-' || lpad(pg_temp.hi('aph' || n, 10000)::text, 4, '0') END,
       pg_temp.pick(ARRAY['JOB_BOARD', 'REFERRAL', 'WALK_IN', 'CAREER_SITE', 'CAREER_SITE', 'AGENCY'], 'src' || n),
       pg_temp.pick(ARRAY['APPLIED', 'SCREENING', 'INTERVIEW', 'INTERVIEW', 'OFFERED', 'HIRED', 'REJECTED', 'REJECTED'], 'ast' || n),
       CASE WHEN n % 5 = 0 THEN NULL ELSE v.salary_min + pg_temp.hi('exp' || n, 20) * 500 END,
       CASE WHEN n % 13 = 0 THEN NULL ELSE 'resumes/2024/APP-' || lpad(n::text, 5, '0') || '.pdf' END,
       (v.posted_date + pg_temp.hi('ad' || n, 28) + time '08:00') AT TIME ZONE 'UTC' + pg_temp.hi('as' || n, 36000) * interval '1 second'
FROM generate_series(1, 1200) AS n
JOIN vacancies v ON v.id = 1 + pg_temp.hi('av' || n, 60)
CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.hi('asx' || n, 2) = 0 THEN pg_temp.pick(names.male, 'afn' || n)
                                ELSE pg_temp.pick(names.female, 'afn' || n) END AS first,
                           pg_temp.pick(names.last, 'aln' || n) AS last FROM names) AS f
ORDER BY n;

INSERT INTO interviews (id, applicant_id, interviewer_id, interview_type, scheduled_at, score, result, notes)
SELECT n, a.id,
       CASE WHEN pg_temp.hi('iwr' || n, 3) = 0 THEN pg_temp.uid('dept:HR', 'iw' || n) ELSE pg_temp.uid('dept:CT', 'iw' || n) END,
       pg_temp.pick(ARRAY['PHONE', 'PANEL', 'TECHNICAL', 'FINAL'], 'it' || n),
       a.applied_at + (3 + pg_temp.hi('id' || n, 20)) * interval '1 day',
       CASE WHEN a.status IN ('APPLIED', 'SCREENING') THEN NULL ELSE pg_temp.hi('isc' || n, 101) / 10.0 END,
       CASE WHEN a.status IN ('APPLIED', 'SCREENING') THEN 'PENDING' WHEN a.status = 'REJECTED' THEN 'FAILED' ELSE 'PASSED' END,
       CASE WHEN n % 4 = 0 THEN NULL ELSE pg_temp.pick(ARRAY['Strong clinical background', 'Good communication skills',
               'Needs more experience', 'Recommended for next stage', 'Salary expectation above range',
               'Available to start immediately'], 'in' || n) END
FROM generate_series(1, 1500) AS n
JOIN applicants a ON a.id = 1 + pg_temp.hi('ia' || n, 1200)
ORDER BY n;

INSERT INTO onboarding (id, applicant_id, user_id, start_date, status, checklist, completed_at, created_by)
SELECT row_number() OVER (ORDER BY a.id), a.id,
       CASE WHEN a.id % 3 = 0 THEN NULL ELSE 10 + pg_temp.hi('ou' || a.id, 290) END,
       (a.applied_at AT TIME ZONE 'UTC')::date + 45,
       CASE WHEN a.id % 4 = 0 THEN 'IN_PROGRESS' ELSE 'COMPLETED' END,
       jsonb_build_object('contract_signed', true, 'medical_exam', a.id % 5 <> 0, 'id_issued', a.id % 4 <> 0,
                          'orientation', a.id % 4 <> 0, 'it_account', a.id % 3 <> 0),
       CASE WHEN a.id % 4 = 0 THEN NULL ELSE a.applied_at + interval '60 days' END,
       pg_temp.uid('dept:HR', 'ocb' || a.id)
FROM applicants a
WHERE a.status = 'HIRED'
ORDER BY a.id;

-- ================================================================ HR2: Talent Development
INSERT INTO competencies (id, code, name, category, description)
SELECT k, 'CMP-' || lpad(k::text, 3, '0'), c.name, c.category, 'Demonstrates ' || lower(c.name) || ' to the expected standard.'
FROM unnest(ARRAY[
        'Basic Life Support', 'Advanced Cardiac Life Support', 'Infection Control', 'Medication Administration',
        'Patient Assessment', 'Wound Care', 'IV Therapy', 'Triage', 'Pediatric Care', 'Critical Care Nursing',
        'Phlebotomy', 'Laboratory Safety', 'Radiation Safety', 'Pharmacology', 'Sterile Compounding',
        'Electronic Health Records', 'Medical Coding', 'Billing and Claims', 'Financial Reporting', 'Procurement',
        'Inventory Management', 'Defensive Driving', 'Vehicle Maintenance', 'Fire Safety', 'Data Privacy',
        'Customer Service', 'Conflict Resolution', 'Team Leadership', 'Coaching and Mentoring', 'Time Management',
        'Budgeting', 'Quality Improvement', 'Risk Management', 'Patient Safety', 'Ethics and Compliance',
        'Disaster Preparedness', 'Interpersonal Communication', 'Spreadsheet Skills', 'Project Management',
        'Recruitment and Interviewing']) WITH ORDINALITY AS s (name, k)
CROSS JOIN LATERAL (SELECT s.name,
                           CASE WHEN s.k <= 15 THEN 'Clinical' WHEN s.k <= 24 THEN 'Technical'
                                WHEN s.k <= 27 THEN 'Behavioral' WHEN s.k <= 31 THEN 'Leadership'
                                WHEN s.k <= 36 THEN 'Compliance' ELSE 'Professional' END AS category) AS c
ORDER BY k;

INSERT INTO staff_competencies (id, user_id, competency_id, proficiency_level, assessed_on, assessed_by)
SELECT row_number() OVER (ORDER BY u, c), u, c,
       1 + pg_temp.hi('pl' || u || '/' || c, 5),
       date '2023-01-02' + pg_temp.hi('ao' || u || '/' || c, 900),
       CASE WHEN (u + c) % 10 = 0 THEN NULL ELSE pg_temp.uid('dept:HR', 'ab' || u || '/' || c) END
FROM (SELECT DISTINCT u, 1 + pg_temp.hi('sc' || u || '/' || k, 40) AS c
      FROM generate_series(2, 300) AS u, generate_series(1, 5) AS k) AS x
ORDER BY u, c;

INSERT INTO trainings (id, title, description, trainer_id, competency_id, start_date, end_date, location,
                       capacity, cost, status)
SELECT n, c.name || ' ' || pg_temp.pick(ARRAY['Workshop', 'Refresher Course', 'Certification', 'Seminar'], 'tt' || n)
              || ' ' || (2023 + n / 30),
       'Training on ' || lower(c.name) || ' for hospital staff.',
       CASE WHEN n % 5 = 0 THEN NULL ELSE pg_temp.uid('dept:CT', 'tr' || n) END,
       c.id,
       date '2023-02-06' + n * 11,
       date '2023-02-06' + n * 11 + pg_temp.hi('tl' || n, 3),
       pg_temp.pick(ARRAY['Training Room A', 'Training Room B', 'Auditorium', 'Skills Lab', 'Online'], 'tlo' || n),
       20 + pg_temp.hi('tc' || n, 21),
       pg_temp.money('tco' || n, 0, 25000),
       CASE WHEN n <= 70 THEN 'COMPLETED' WHEN n <= 75 THEN 'ONGOING' ELSE 'SCHEDULED' END
FROM generate_series(1, 80) AS n
JOIN competencies c ON c.id = 1 + pg_temp.hi('tcm' || n, 40)
ORDER BY n;

INSERT INTO training_participants (id, training_id, user_id, status, score, completed, enrolled_at)
SELECT row_number() OVER (ORDER BY t.id, x.u), t.id, x.u,
       CASE WHEN t.status <> 'COMPLETED' THEN 'ENROLLED'
            WHEN pg_temp.hi('tps' || t.id || '/' || x.u, 10) = 0 THEN 'NO_SHOW' ELSE 'COMPLETED' END,
       CASE WHEN t.status = 'COMPLETED' AND pg_temp.hi('tps' || t.id || '/' || x.u, 10) <> 0
            THEN 60 + pg_temp.hi('tsc' || t.id || '/' || x.u, 4001) / 100.0 END,
       t.status = 'COMPLETED' AND pg_temp.hi('tps' || t.id || '/' || x.u, 10) <> 0,
       (t.start_date - 14 + time '10:00') AT TIME ZONE 'UTC' + pg_temp.hi('te' || x.u, 600000) * interval '1 second'
FROM trainings t
CROSS JOIN LATERAL (SELECT DISTINCT 2 + pg_temp.hi('tp' || t.id || '/' || k, 299) AS u FROM generate_series(1, 21) AS k) AS x
ORDER BY t.id, x.u;

-- ================================================================ HR3: Workforce Operations
-- 70 working days (2025-01-06 .. 2025-04-11) for every active staff member: ~20,000 rows
INSERT INTO attendance_logs (id, user_id, log_date, time_in, time_out, status, hours_worked, remarks)
WITH d AS (
    SELECT date '2025-01-06' + i AS log_date FROM generate_series(0, 95) AS i
    WHERE extract(isodow FROM date '2025-01-06' + i) < 6
), a AS (
    SELECT u.id AS user_id, d.log_date,
           pg_temp.hi('att' || u.id || '/' || d.log_date, 100) AS roll,
           pg_temp.hi('tin' || u.id || '/' || d.log_date, 40) - 15 AS late_min,
           pg_temp.hi('tout' || u.id || '/' || d.log_date, 120) AS extra_min
    FROM users u CROSS JOIN d
    WHERE u.is_active AND u.id > 1
)
SELECT row_number() OVER (ORDER BY log_date, user_id), user_id, log_date,
       CASE WHEN roll < 5 THEN NULL
            ELSE (log_date + time '07:00') AT TIME ZONE 'UTC' + late_min * interval '1 minute' END,
       CASE WHEN roll < 5 OR (roll = 99 AND log_date = date '2025-04-11') THEN NULL
            ELSE (log_date + time '16:00') AT TIME ZONE 'UTC' + extra_min * interval '1 minute' END,
       CASE WHEN roll < 2 THEN 'ABSENT' WHEN roll < 5 THEN 'ON_LEAVE' WHEN late_min > 10 THEN 'LATE' ELSE 'PRESENT' END,
       CASE WHEN roll < 5 THEN 0 ELSE round((540 - late_min + extra_min - 60) / 60.0, 2) END,
       CASE WHEN roll < 2 THEN 'No call, no show' WHEN roll < 5 THEN 'Approved leave'
            WHEN late_min > 20 THEN 'Traffic' END
FROM a
ORDER BY 1;

INSERT INTO leave_requests (id, user_id, leave_type, start_date, end_date, days, reason, status, approved_by,
                            created_at)
SELECT n, u.id, lt.t::leave_type, lt.start_date, lt.start_date + lt.days - 1,
       lt.days - CASE WHEN n % 17 = 0 THEN 0.5 ELSE 0 END,
       CASE WHEN n % 6 = 0 THEN NULL ELSE pg_temp.pick(ARRAY['Family vacation', 'Medical check-up', 'Flu',
               'Family emergency', 'Personal matters', 'Wedding', 'Moving house'], 'lr' || n) END,
       lt.status,
       CASE WHEN lt.status = 'PENDING' THEN NULL ELSE u.manager_id END,
       (lt.start_date - 10 + time '08:00') AT TIME ZONE 'UTC' + pg_temp.hi('lc' || n, 30000) * interval '1 second'
FROM generate_series(1, 900) AS n
JOIN users u ON u.id = 2 + pg_temp.hi('lu' || n, 299)
CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['VACATION', 'VACATION', 'VACATION', 'SICK', 'SICK', 'EMERGENCY',
                                              'MATERNITY', 'PATERNITY', 'UNPAID'], 'lt' || n) AS t,
                           date '2024-01-02' + pg_temp.hi('ls' || n, 540) AS start_date,
                           1 + pg_temp.hi('ldays' || n, 10) AS days,
                           pg_temp.pick(ARRAY['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'REJECTED', 'PENDING'], 'lst' || n) AS status) AS lt
ORDER BY n;

-- four weeks of shifts for the clinical staff
INSERT INTO staff_schedules (id, user_id, schedule_date, shift, shift_start, shift_end, unit, created_by)
WITH s AS (
    SELECT u.id AS user_id, date '2025-03-03' + i AS schedule_date,
           pg_temp.pick(ARRAY['MORNING', 'MORNING', 'AFTERNOON', 'NIGHT'], 'sh' || u.id || '/' || (i / 7)) AS shift,
           pg_temp.pick(ARRAY['Emergency', 'ICU', 'Medical Ward', 'Surgical Ward', 'Pediatrics', 'Maternity',
                              'Outpatient', 'Operating Room'], 'su' || u.id) AS unit
    FROM users u CROSS JOIN generate_series(0, 27) AS i
    WHERE u.is_active AND u.role IN ('doctor', 'nurse') AND pg_temp.hi('off' || u.id || '/' || i, 7) NOT IN (0, 1)
)
SELECT row_number() OVER (ORDER BY schedule_date, user_id), user_id, schedule_date, shift,
       CASE shift WHEN 'MORNING' THEN time '06:00' WHEN 'AFTERNOON' THEN time '14:00' ELSE time '22:00' END,
       CASE shift WHEN 'MORNING' THEN time '14:00' WHEN 'AFTERNOON' THEN time '22:00' ELSE time '06:00' END,
       unit, 4
FROM s
ORDER BY 1;

-- ================================================================ HR4: Compensation & Analytics
INSERT INTO salary_grades (id, grade_code, title, min_salary, max_salary, step_increment)
SELECT g, 'SG-' || lpad(g::text, 2, '0'), 'Salary Grade ' || g,
       15000 + (g - 1) * 4000, round((15000 + (g - 1) * 4000) * 1.35, 2),
       round((15000 + (g - 1) * 4000) * 0.35 / 8, 2)
FROM generate_series(1, 30) AS g;

INSERT INTO compensation_records (id, user_id, salary_grade_id, base_salary, allowances, effective_date, end_date,
                                  reason, created_by)
WITH c AS (
    SELECT u.id AS user_id, k, u.hire_date,
           least(30, CASE u.role WHEN 'admin' THEN 26 WHEN 'doctor' THEN 20 WHEN 'pharmacist' THEN 14
                                 WHEN 'lab_technician' THEN 11 WHEN 'nurse' THEN 11 WHEN 'finance_staff' THEN 9
                                 WHEN 'hr_staff' THEN 9 WHEN 'logistics_staff' THEN 6 ELSE 4 END
                     + pg_temp.hi('gr' || u.id, 4) + (k - 1) + CASE WHEN u.id <= 9 OR u.id = 300 THEN 4 ELSE 0 END) AS grade,
           CASE WHEN k = 1 THEN u.hire_date ELSE date '2024-01-01' + pg_temp.hi('pd' || u.id, 300) END AS eff,
           pg_temp.hi('two' || u.id, 2) = 0 AS has_two
    FROM users u CROSS JOIN generate_series(1, 2) AS k
)
SELECT row_number() OVER (ORDER BY c.user_id, c.k), c.user_id, g.id,
       g.min_salary + g.step_increment * pg_temp.hi('step' || c.user_id || '/' || c.k, 8),
       pg_temp.hi('alw' || c.user_id, 6) * 500,
       c.eff,
       CASE WHEN c.k = 1 AND c.has_two THEN date '2024-01-01' + pg_temp.hi('pd' || c.user_id, 300) - 1 END,
       CASE WHEN c.k = 1 THEN 'HIRE' ELSE pg_temp.pick(ARRAY['PROMOTION', 'MERIT_INCREASE', 'ADJUSTMENT'], 'rs' || c.user_id) END,
       2
FROM c JOIN salary_grades g ON g.id = c.grade
WHERE c.k = 1 OR c.has_two
ORDER BY 1;

-- 12 semi-monthly periods of 2025 H1 for every active staff member
INSERT INTO payroll_records (id, user_id, period_start, period_end, gross_pay, deductions, tax, net_pay, status,
                             paid_at, breakdown)
WITH p AS (
    SELECT u.id AS user_id,
           (date '2025-01-01' + (m || ' months')::interval + CASE WHEN half = 2 THEN interval '15 days' ELSE interval '0' END)::date AS period_start,
           m, half,
           (SELECT cr.base_salary + cr.allowances FROM compensation_records cr
            WHERE cr.user_id = u.id ORDER BY cr.effective_date DESC, cr.id DESC LIMIT 1) AS monthly,
           pg_temp.hi('ot' || u.id || '/' || m || '/' || half, 6) * 250 AS overtime
    FROM users u CROSS JOIN generate_series(0, 5) AS m CROSS JOIN generate_series(1, 2) AS half
    WHERE u.is_active
), q AS (
    SELECT p.*, round(monthly / 2 + overtime, 2) AS gross,
           CASE WHEN half = 1 THEN period_start + 14
                ELSE (date_trunc('month', period_start::timestamp) + interval '1 month' - interval '1 day')::date END AS period_end
    FROM p
)
SELECT row_number() OVER (ORDER BY period_start, user_id), user_id, period_start, period_end, gross,
       round(gross * 0.045, 2), round(gross * 0.12, 2), gross - round(gross * 0.045, 2) - round(gross * 0.12, 2),
       CASE WHEN m = 5 AND half = 2 THEN 'PENDING' ELSE 'PAID' END,
       CASE WHEN m = 5 AND half = 2 THEN NULL ELSE (period_end + 5 + time '10:00') AT TIME ZONE 'UTC' END,
       jsonb_build_object('basic', round(monthly / 2, 2), 'overtime', overtime,
                          'deductions', jsonb_build_object('pension', round(gross * 0.03, 2),
                                                           'health', round(gross * 0.015, 2)),
                          'tax_withheld', round(gross * 0.12, 2))
FROM q
ORDER BY 1;

-- ================================================================ CT1: Patient Access
INSERT INTO patients (id, patient_code, first_name, last_name, birth_date, sex, blood_type, phone, email, address,
                      insurance_no, emergency_contact, allergies, is_active, registered_at)
SELECT n, 'PT-' || lpad(n::text, 6, '0'), f.first, f.last,
       date '1935-01-01' + pg_temp.hi('bd' || n, 31000),
       CASE WHEN f.male THEN 'M' ELSE 'F' END,
       CASE WHEN n % 8 = 0 THEN NULL ELSE pg_temp.pick(ARRAY['O+', 'O+', 'O+', 'A+', 'A+', 'B+', 'AB+', 'O-', 'A-', 'B-'], 'bt' || n) END,
       CASE WHEN n % 10 = 0 THEN NULL ELSE '+1-555-' || lpad(pg_temp.hi('pph' || n, 10000)::text, 4, '0') END,
       CASE WHEN pg_temp.hi('pem' || n, 5) < 2 THEN NULL ELSE lower(f.first || '.' || f.last) || n || '@mail.example.com' END,
       (1 + pg_temp.hi('an' || n, 999)) || ' ' || pg_temp.pick(names.street, 'st' || n) || ' Street, '
           || pg_temp.pick(names.city, 'ct' || n),
       CASE WHEN pg_temp.hi('ins' || n, 3) = 0 THEN NULL ELSE 'INS-' || lpad(pg_temp.hi('insn' || n, 100000000)::text, 8, '0') END,
       CASE WHEN n % 4 = 0 THEN NULL
            ELSE jsonb_build_object('name', pg_temp.pick(names.female, 'ecf' || n) || ' ' || f.last,
                                    'relation', pg_temp.pick(ARRAY['Spouse', 'Parent', 'Sibling', 'Child', 'Friend'], 'ecr' || n),
                                    'phone', '+1-555-' || lpad(pg_temp.hi('ecp' || n, 10000)::text, 4, '0')) END,
       CASE pg_temp.hi('alg' || n, 12) WHEN 0 THEN ARRAY['Penicillin'] WHEN 1 THEN ARRAY['Sulfa drugs']
                                        WHEN 2 THEN ARRAY['Peanuts', 'Latex'] WHEN 3 THEN ARRAY['Aspirin', 'Ibuprofen', 'Shellfish']
                                        ELSE ARRAY[]::text[] END,
       n % 97 <> 0,
       timestamptz '2019-01-02 08:00:00+00' + (n - 1) * interval '17 hours' + pg_temp.hi('rg' || n, 3600) * interval '1 second'
FROM generate_series(1, 3000) AS n
CROSS JOIN names
CROSS JOIN LATERAL (SELECT pg_temp.hi('psx' || n, 2) = 0 AS male) AS sx
CROSS JOIN LATERAL (SELECT sx.male,
                           CASE WHEN sx.male THEN pg_temp.pick(names.male, 'pfn' || n) ELSE pg_temp.pick(names.female, 'pfn' || n) END AS first,
                           pg_temp.pick(names.last, 'pln' || n) AS last) AS f
ORDER BY n;

INSERT INTO appointments (id, patient_id, doctor_id, scheduled_at, duration_minutes, department, reason, status,
                          created_by, created_at)
SELECT n, 1 + pg_temp.hi('apt' || n, 3000), pg_temp.uid('doctor', 'apd' || n),
       timestamptz '2024-01-02 00:00:00+00' + (n - 1) * interval '97 minutes',
       pg_temp.pick(ARRAY[15, 20, 30, 30, 45, 60], 'adu' || n),
       pg_temp.pick(ARRAY['Internal Medicine', 'Pediatrics', 'Cardiology', 'Obstetrics', 'Surgery',
                          'Orthopedics', 'Dermatology', 'Emergency'], 'adp' || n),
       CASE WHEN n % 9 = 0 THEN NULL ELSE pg_temp.pick(ARRAY['Follow-up consultation', 'Fever and cough', 'Annual check-up',
               'Chest pain', 'Prenatal visit', 'Back pain', 'Skin rash', 'Post-operative review',
               'Hypertension monitoring', 'Diabetes management'], 'ar' || n) END,
       (CASE WHEN n > 7700 THEN pg_temp.pick(ARRAY['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'CHECKED_IN'], 'as' || n)
             ELSE pg_temp.pick(ARRAY['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED',
                                     'COMPLETED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'], 'as' || n) END)::appointment_status,
       pg_temp.uid('receptionist', 'acb' || n),
       timestamptz '2024-01-02 00:00:00+00' + (n - 1) * interval '97 minutes' - (1 + pg_temp.hi('aca' || n, 20)) * interval '1 day'
FROM generate_series(1, 8000) AS n
ORDER BY n;

-- ================================================================ LOG2 (part): suppliers
INSERT INTO suppliers (id, supplier_code, name, contact_person, email, phone, address, category, rating, is_active)
SELECT n, 'SUP-' || lpad(n::text, 4, '0'),
       pg_temp.pick(ARRAY['Medline', 'Apex', 'Unity', 'Northstar', 'Pacific', 'Summit', 'Evergreen', 'Prime',
                          'Zenith', 'Harbor', 'Crescent', 'Atlas'], 'sn1' || n) || ' '
           || pg_temp.pick(ARRAY['Medical Supply', 'Pharma Distributors', 'Healthcare Trading', 'Lab Systems',
                                 'Equipment Corp.', 'Logistics Inc.'], 'sn2' || n) || ' ' || n,
       pg_temp.pick(names.male, 'scp' || n) || ' ' || pg_temp.pick(names.last, 'scl' || n),
       'sales' || n || '@supplier.example.com',
       '+1-555-' || lpad(pg_temp.hi('sph' || n, 10000)::text, 4, '0'),
       (1 + pg_temp.hi('sa' || n, 999)) || ' Industrial Road, ' || pg_temp.pick(names.city, 'sc' || n),
       pg_temp.pick(ARRAY['PHARMACEUTICAL', 'MEDICAL_SUPPLY', 'EQUIPMENT', 'LABORATORY', 'GENERAL'], 'scat' || n),
       CASE WHEN n % 10 = 0 THEN NULL ELSE 2.5 + pg_temp.hi('sr' || n, 251) / 100.0 END,
       n % 15 <> 0
FROM generate_series(1, 60) AS n, names
ORDER BY n;

-- ================================================================ LOG1: Inventory & Assets
-- items 1..250 medicines, 251..400 supplies, 401..450 equipment, 451..500 reagents
INSERT INTO inventory (id, item_code, name, category, unit, quantity_on_hand, reorder_level, unit_cost, expiry_date,
                       location, preferred_supplier_id, updated_at)
SELECT n,
       CASE WHEN n <= 250 THEN 'MED-' WHEN n <= 400 THEN 'SUP-' WHEN n <= 450 THEN 'EQP-' ELSE 'RGT-' END || lpad(n::text, 5, '0'),
       CASE WHEN n <= 250 THEN pg_temp.pick(ARRAY['Paracetamol', 'Amoxicillin', 'Ibuprofen', 'Metformin', 'Amlodipine',
                                   'Losartan', 'Omeprazole', 'Cefuroxime', 'Salbutamol', 'Atorvastatin', 'Insulin Glargine',
                                   'Ceftriaxone', 'Azithromycin', 'Metronidazole', 'Furosemide', 'Heparin', 'Ondansetron',
                                   'Tramadol', 'Prednisone', 'Clopidogrel'], 'mn' || n) || ' '
                                || pg_temp.pick(ARRAY['250 mg tablet', '500 mg tablet', '500 mg capsule', '1 g vial',
                                   '5 mg/ml ampoule', '100 ml suspension', '10 mg tablet'], 'ms' || n)
            WHEN n <= 400 THEN pg_temp.pick(ARRAY['Surgical gloves', 'Face mask', 'Syringe', 'IV cannula', 'Gauze pad',
                                   'Adhesive tape', 'Urinary catheter', 'Suture kit', 'Alcohol swab', 'Examination gown'], 'sn' || n)
                               || ' ' || pg_temp.pick(ARRAY['size S', 'size M', 'size L', '3 ml', '5 ml', '10 cm', 'standard'], 'ss' || n)
            WHEN n <= 450 THEN pg_temp.pick(ARRAY['Blood pressure cuff', 'Pulse oximeter', 'Thermometer', 'Stethoscope',
                                   'Glucometer', 'Nebulizer', 'Suction unit'], 'en' || n) || ' model ' || (100 + n)
            ELSE pg_temp.pick(ARRAY['Glucose reagent', 'CBC reagent pack', 'Urinalysis strips', 'Blood culture bottle',
                                   'Creatinine reagent', 'HbA1c kit'], 'rn' || n) || ' lot ' || (7000 + n) END,
       CASE WHEN n <= 250 THEN 'MEDICINE' WHEN n <= 400 THEN 'SUPPLY' WHEN n <= 450 THEN 'EQUIPMENT' ELSE 'REAGENT' END,
       CASE WHEN n <= 250 THEN pg_temp.pick(ARRAY['tablet', 'capsule', 'vial', 'ampoule', 'bottle'], 'mu' || n)
            WHEN n <= 400 THEN pg_temp.pick(ARRAY['piece', 'box', 'pack'], 'su' || n)
            WHEN n <= 450 THEN 'unit' ELSE 'kit' END,
       pg_temp.hi('qoh' || n, 5000),
       50 + pg_temp.hi('rl' || n, 10) * 50,
       CASE WHEN n <= 250 THEN pg_temp.money('uc' || n, 0.5, 450) WHEN n <= 400 THEN pg_temp.money('uc' || n, 1, 120)
            WHEN n <= 450 THEN pg_temp.money('uc' || n, 800, 45000) ELSE pg_temp.money('uc' || n, 150, 5000) END,
       CASE WHEN n <= 250 OR n > 450 THEN date '2025-06-01' + pg_temp.hi('exp' || n, 900) END,
       pg_temp.pick(ARRAY['Main Pharmacy', 'Central Supply', 'Warehouse A', 'Warehouse B', 'Laboratory Store',
                          'ER Stockroom'], 'loc' || n),
       CASE WHEN n % 8 = 0 THEN NULL ELSE 1 + pg_temp.hi('psup' || n, 60) END,
       timestamptz '2025-05-01 00:00:00+00' + pg_temp.hi('iu' || n, 2592000) * interval '1 second'
FROM generate_series(1, 500) AS n
ORDER BY n;

-- ================================================================ CT2: Clinical Operations
INSERT INTO lab_orders (id, patient_id, appointment_id, ordered_by, test_code, test_name, priority, status, ordered_at,
                        resulted_at, result_value, result_flag, results)
SELECT n, a.patient_id, CASE WHEN n % 10 = 0 THEN NULL ELSE a.id END, a.doctor_id, t.code, t.name,
       pg_temp.pick(ARRAY['ROUTINE', 'ROUTINE', 'ROUTINE', 'URGENT', 'STAT'], 'lp' || n),
       CASE WHEN a.status IN ('SCHEDULED', 'CHECKED_IN') THEN 'PENDING'
            WHEN n % 50 = 0 THEN 'CANCELLED' ELSE 'RESULTED' END,
       a.scheduled_at + interval '30 minutes',
       CASE WHEN a.status IN ('SCHEDULED', 'CHECKED_IN') OR n % 50 = 0 THEN NULL
            ELSE a.scheduled_at + (2 + pg_temp.hi('lrt' || n, 46)) * interval '1 hour' END,
       CASE WHEN a.status IN ('SCHEDULED', 'CHECKED_IN') OR n % 50 = 0 THEN NULL
            ELSE round(t.lo + (t.hi - t.lo) * (pg_temp.hi('lv' || n, 1000) / 700.0 - 0.2), 1)::text END,
       CASE WHEN a.status IN ('SCHEDULED', 'CHECKED_IN') OR n % 50 = 0 THEN NULL
            WHEN pg_temp.hi('lv' || n, 1000) < 140 THEN 'LOW' WHEN pg_temp.hi('lv' || n, 1000) >= 840 THEN 'HIGH'
            ELSE 'NORMAL' END,
       CASE WHEN a.status IN ('SCHEDULED', 'CHECKED_IN') OR n % 50 = 0 THEN NULL
            ELSE jsonb_build_object('unit', t.unit, 'reference_range', t.lo || '-' || t.hi,
                                    'analyzer', pg_temp.pick(ARRAY['Sysmex XN-550', 'Cobas c311', 'Architect i1000'], 'lan' || n),
                                    'verified_by', pg_temp.uid('lab_technician', 'lvb' || n)) END
FROM generate_series(1, 4000) AS n
JOIN appointments a ON a.id = 1 + pg_temp.hi('la' || n, 8000)
CROSS JOIN LATERAL (SELECT * FROM (VALUES
        (0, 'CBC-HGB', 'Hemoglobin', 'g/dL', 12.0, 17.5), (1, 'GLU-F', 'Fasting blood glucose', 'mg/dL', 70.0, 100.0),
        (2, 'CREA', 'Creatinine', 'mg/dL', 0.6, 1.3), (3, 'CHOL', 'Total cholesterol', 'mg/dL', 125.0, 200.0),
        (4, 'HBA1C', 'Hemoglobin A1c', '%', 4.0, 5.6), (5, 'WBC', 'White blood cell count', 'x10^9/L', 4.0, 11.0),
        (6, 'K', 'Potassium', 'mmol/L', 3.5, 5.1), (7, 'ALT', 'Alanine aminotransferase', 'U/L', 7.0, 56.0)
    ) AS x (k, code, name, unit, lo, hi) WHERE x.k = pg_temp.hi('lt' || n, 8)) AS t
ORDER BY n;

INSERT INTO prescriptions (id, patient_id, appointment_id, prescribed_by, inventory_id, medication, dosage, frequency,
                           duration_days, quantity, status, prescribed_at)
SELECT n, a.patient_id, CASE WHEN n % 12 = 0 THEN NULL ELSE a.id END, a.doctor_id, i.id,
       coalesce(i.name, pg_temp.pick(ARRAY['Vitamin D3 1000 IU', 'Fish oil 1 g', 'Ferrous sulfate 325 mg'], 'pm' || n)),
       pg_temp.pick(ARRAY['1 tablet', '2 tablets', '5 ml', '10 ml', '1 capsule', '1 vial IV'], 'pdo' || n),
       pg_temp.pick(ARRAY['once daily', 'twice daily', 'every 8 hours', 'every 6 hours', 'as needed', 'at bedtime'], 'pf' || n),
       pg_temp.pick(ARRAY[3, 5, 7, 7, 10, 14, 30], 'pdd' || n),
       5 + pg_temp.hi('pq' || n, 56),
       CASE WHEN a.status IN ('SCHEDULED', 'CHECKED_IN') THEN 'ACTIVE'
            ELSE pg_temp.pick(ARRAY['DISPENSED', 'DISPENSED', 'DISPENSED', 'DISPENSED', 'COMPLETED', 'CANCELLED'], 'ps' || n) END,
       a.scheduled_at + interval '40 minutes'
FROM generate_series(1, 5000) AS n
JOIN appointments a ON a.id = 1 + pg_temp.hi('pa' || n, 8000)
LEFT JOIN inventory i ON i.id = 1 + pg_temp.hi('pi' || n, 250) AND n % 15 <> 0
ORDER BY n;

-- ================================================================ CT3: Health Records & Beds
INSERT INTO medical_records (id, patient_id, appointment_id, recorded_by, record_type, diagnosis_code, chief_complaint,
                             notes, vitals, is_confidential, recorded_at)
SELECT n, a.patient_id, CASE WHEN n % 15 = 0 THEN NULL ELSE a.id END,
       CASE WHEN n % 4 = 0 THEN pg_temp.uid('nurse', 'mrn' || n) ELSE a.doctor_id END,
       pg_temp.pick(ARRAY['CONSULTATION', 'CONSULTATION', 'DIAGNOSIS', 'PROGRESS_NOTE', 'PROGRESS_NOTE', 'DISCHARGE_SUMMARY'], 'mrt' || n),
       CASE WHEN n % 6 = 0 THEN NULL ELSE pg_temp.pick(ARRAY['J06.9', 'I10', 'E11.9', 'J18.9', 'K29.7', 'M54.5', 'N39.0',
               'R50.9', 'O80', 'L30.9', 'A09', 'E78.5'], 'dx' || n) END,
       coalesce(a.reason, 'Walk-in'),
       pg_temp.pick(ARRAY['Patient stable, advised to continue current medication.',
                          'Symptoms improving. Follow-up in two weeks.',
                          'Referred for further laboratory work-up.',
                          'Counselled on diet and exercise. Home medications reconciled.',
                          'No acute distress. Wound clean and dry.',
                          'Discharged in good condition with instructions.'], 'mno' || n)
           || CASE WHEN n % 3 = 0 THEN E'\nPlan: ' || pg_temp.pick(ARRAY['repeat labs', 'start antibiotics',
                   'adjust dose', 'physiotherapy referral'], 'mpl' || n) ELSE '' END,
       CASE WHEN n % 10 = 0 THEN NULL
            ELSE jsonb_build_object('bp', (100 + pg_temp.hi('sys' || n, 60)) || '/' || (60 + pg_temp.hi('dia' || n, 35)),
                                    'hr', 55 + pg_temp.hi('hr' || n, 60),
                                    'temp_c', round(36.0 + pg_temp.hi('tmp' || n, 35) / 10.0, 1),
                                    'spo2', 90 + pg_temp.hi('sp' || n, 11),
                                    'weight_kg', round(3.0 + pg_temp.hi('wt' || n, 1100) / 10.0, 1)) END,
       n % 20 = 0,
       a.scheduled_at + interval '25 minutes' + pg_temp.hi('mra' || n, 7200) * interval '1 second'
FROM generate_series(1, 6000) AS n
JOIN appointments a ON a.id = 1 + pg_temp.hi('ma' || n, 8000)
ORDER BY n;

INSERT INTO beds (id, bed_code, ward, room, bed_type, status, patient_id, occupied_since, daily_rate)
SELECT n, 'W' || w || '-' || (100 * w + 1 + (n - 1) % 25 / 2) || '-' || chr(65 + (n - 1) % 2),
       (ARRAY['Medical Ward', 'Surgical Ward', 'Pediatrics', 'Maternity', 'ICU', 'Orthopedics', 'Cardiology', 'Isolation'])[w],
       (100 * w + 1 + (n - 1) % 25 / 2)::text,
       CASE w WHEN 5 THEN 'ICU' WHEN 8 THEN 'ISOLATION' ELSE pg_temp.pick(ARRAY['STANDARD', 'STANDARD', 'PRIVATE'], 'bty' || n) END,
       s.status,
       CASE WHEN s.status = 'OCCUPIED' THEN 1 + (n * 37) % 3000 END,
       CASE WHEN s.status = 'OCCUPIED' THEN timestamptz '2025-06-20 00:00:00+00' - pg_temp.hi('bos' || n, 1209600) * interval '1 second' END,
       CASE w WHEN 5 THEN 8500.00 WHEN 8 THEN 6000.00 ELSE 2500.00 + pg_temp.hi('bdr' || n, 3) * 750 END
FROM generate_series(1, 200) AS n
CROSS JOIN LATERAL (SELECT 1 + (n - 1) / 25 AS w) AS ww
CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['OCCUPIED', 'OCCUPIED', 'OCCUPIED', 'AVAILABLE', 'AVAILABLE', 'MAINTENANCE', 'RESERVED'],
                                        'bst' || n) AS status) AS s
ORDER BY n;

-- ================================================================ LOG1 (continued)
INSERT INTO dispensing_history (id, inventory_id, patient_id, prescription_id, quantity, dispensed_by, dispensed_at, notes)
WITH d AS (
    SELECT p.inventory_id, p.patient_id, p.id AS prescription_id, p.quantity,
           p.prescribed_at + (20 + pg_temp.hi('dd' || p.id, 240)) * interval '1 minute' AS dispensed_at,
           pg_temp.uid('pharmacist', 'dp' || p.id) AS dispensed_by, NULL::text AS notes
    FROM prescriptions p WHERE p.inventory_id IS NOT NULL AND p.status IN ('DISPENSED', 'COMPLETED')
    UNION ALL
    SELECT 1 + pg_temp.hi('wi' || k, 400),
           CASE WHEN k % 3 = 0 THEN NULL ELSE 1 + pg_temp.hi('wp' || k, 3000) END,
           NULL, 1 + pg_temp.hi('wq' || k, 20),
           timestamptz '2024-01-03 06:00:00+00' + k * interval '4 hours 13 minutes',
           pg_temp.uid('pharmacist', 'wdb' || k),
           CASE WHEN k % 3 = 0 THEN 'Ward stock replenishment' ELSE 'Floor stock issue' END
    FROM generate_series(1, 1800) AS k
)
SELECT row_number() OVER (ORDER BY dispensed_at, inventory_id, prescription_id), inventory_id, patient_id,
       prescription_id, quantity, dispensed_by, dispensed_at, notes
FROM d
ORDER BY 1;

INSERT INTO assets (id, asset_tag, name, category, serial_number, location, purchase_date, purchase_cost, status,
                    assigned_to, specs)
SELECT n, 'AST-' || lpad(n::text, 5, '0'), a.name, a.category,
       CASE WHEN n % 20 = 0 THEN NULL ELSE upper(substr(md5('sn' || n), 1, 10)) END,
       pg_temp.pick(ARRAY['Emergency', 'ICU', 'Medical Ward', 'Surgical Ward', 'Laboratory', 'Radiology',
                          'Pharmacy', 'Admin Office', 'Finance Office', 'Warehouse A'], 'al' || n),
       date '2015-01-05' + pg_temp.hi('apd' || n, 3650),
       pg_temp.money('apc' || n, a.lo, a.hi),
       pg_temp.pick(ARRAY['IN_SERVICE', 'IN_SERVICE', 'IN_SERVICE', 'IN_SERVICE', 'UNDER_REPAIR', 'RETIRED'], 'ast' || n),
       CASE WHEN a.category = 'IT' THEN pg_temp.uid('dept:' || pg_temp.pick(ARRAY['FIN', 'HR', 'LOG', 'CT'], 'aad' || n), 'aa' || n) END,
       CASE WHEN n % 3 = 0 THEN NULL
            ELSE jsonb_build_object('manufacturer', pg_temp.pick(ARRAY['Philips', 'GE Healthcare', 'Siemens', 'Mindray',
                                        'Dell', 'HP', 'Invacare', 'Stryker'], 'amf' || n),
                                    'warranty_months', pg_temp.pick(ARRAY[12, 24, 36, 60], 'aw' || n),
                                    'power', CASE WHEN a.category = 'FURNITURE' THEN NULL ELSE '220V' END) END
FROM generate_series(1, 400) AS n
CROSS JOIN LATERAL (SELECT * FROM (VALUES
        (0, 'Infusion Pump', 'MEDICAL', 30000, 90000), (1, 'Patient Monitor', 'MEDICAL', 80000, 250000),
        (2, 'Defibrillator', 'MEDICAL', 150000, 400000), (3, 'Wheelchair', 'FURNITURE', 5000, 15000),
        (4, 'Hospital Bed', 'FURNITURE', 25000, 120000), (5, 'Laptop', 'IT', 35000, 80000),
        (6, 'Desktop PC', 'IT', 25000, 60000), (7, 'Printer', 'IT', 8000, 30000),
        (8, 'Ultrasound Machine', 'MEDICAL', 800000, 2500000), (9, 'ECG Machine', 'MEDICAL', 60000, 200000),
        (10, 'Autoclave', 'MEDICAL', 100000, 350000), (11, 'Medical Refrigerator', 'MEDICAL', 40000, 150000),
        (12, 'Ventilator', 'MEDICAL', 500000, 1500000)
    ) AS x (k, name, category, lo, hi) WHERE x.k = pg_temp.hi('an' || n, 13)) AS a
ORDER BY n;

INSERT INTO asset_maintenance_logs (id, asset_id, maintenance_type, performed_on, performed_by, cost, notes, next_due,
                                    logged_by)
SELECT n, 1 + pg_temp.hi('ma' || n, 400),
       pg_temp.pick(ARRAY['PREVENTIVE', 'PREVENTIVE', 'CORRECTIVE', 'CALIBRATION', 'INSPECTION'], 'mt' || n),
       date '2022-01-03' + pg_temp.hi('mp' || n, 1260),
       pg_temp.pick(ARRAY['In-house biomedical team', 'Philips Service', 'GE Field Engineer', 'MedTech Services Co.',
                          'IT Helpdesk'], 'mb' || n),
       CASE WHEN n % 4 = 0 THEN 0 ELSE pg_temp.money('mc' || n, 500, 45000) END,
       CASE WHEN n % 5 = 0 THEN NULL ELSE pg_temp.pick(ARRAY['Replaced battery', 'Calibrated to specification',
               'Cleaned and inspected, no issues', 'Replaced power cord', 'Firmware updated', 'Replaced wheels'], 'mn' || n) END,
       CASE WHEN n % 7 = 0 THEN NULL ELSE date '2022-01-03' + pg_temp.hi('mp' || n, 1260) + 180 END,
       pg_temp.uid('logistics_staff', 'ml' || n)
FROM generate_series(1, 1200) AS n
ORDER BY n;

-- ================================================================ LOG2: Fleet & Procurement
INSERT INTO fleet_vehicles (id, plate_number, vehicle_type, make, model, year, status, odometer_km, acquired_date)
SELECT n, upper(chr(65 + pg_temp.hi('p1' || n, 26)) || chr(65 + pg_temp.hi('p2' || n, 26)) || chr(65 + pg_temp.hi('p3' || n, 26)))
              || '-' || (1000 + n * 37),
       v.t, v.make, v.model, 2012 + pg_temp.hi('vy' || n, 13),
       pg_temp.pick(ARRAY['AVAILABLE', 'AVAILABLE', 'IN_USE', 'MAINTENANCE'], 'vs' || n),
       5000 + pg_temp.hi('odo' || n, 250000),
       date '2012-03-01' + pg_temp.hi('vad' || n, 4500)
FROM generate_series(1, 25) AS n
CROSS JOIN LATERAL (SELECT * FROM (VALUES
        (0, 'AMBULANCE', 'Toyota', 'HiAce'), (1, 'AMBULANCE', 'Ford', 'Transit'), (2, 'VAN', 'Nissan', 'Urvan'),
        (3, 'TRUCK', 'Isuzu', 'N-Series'), (4, 'CAR', 'Toyota', 'Corolla'), (5, 'AMBULANCE', 'Mercedes-Benz', 'Sprinter')
    ) AS x (k, t, make, model) WHERE x.k = pg_temp.hi('vt' || n, 6)) AS v
ORDER BY n;

INSERT INTO drivers (id, user_id, full_name, license_number, license_class, license_expiry, phone, status)
WITH du AS (SELECT id, full_name, phone, row_number() OVER (ORDER BY id) AS k FROM users WHERE role = 'driver')
SELECT n, du.id, coalesce(du.full_name, pg_temp.pick(names.male, 'dfn' || n) || ' ' || pg_temp.pick(names.last, 'dln' || n)),
       'DL-' || lpad(pg_temp.hi('dl' || n, 100000000)::text, 8, '0'),
       pg_temp.pick(ARRAY['B', 'C', 'CE', 'D'], 'dc' || n),
       date '2025-01-01' + pg_temp.hi('dle' || n, 1460),
       coalesce(du.phone, '+1-555-' || lpad(pg_temp.hi('dph' || n, 10000)::text, 4, '0')),
       CASE WHEN n % 10 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END
FROM generate_series(1, 30) AS n
CROSS JOIN names
LEFT JOIN du ON du.k = n AND n <= 20
ORDER BY n;

INSERT INTO fleet_dispatch (id, vehicle_id, driver_id, requested_by, patient_id, dispatch_type, origin, destination,
                            departed_at, returned_at, distance_km, status)
SELECT n, 1 + pg_temp.hi('fv' || n, 25), 1 + pg_temp.hi('fd' || n, 30),
       CASE WHEN x.t IN ('EMERGENCY', 'TRANSFER') THEN pg_temp.uid('dept:CT', 'fr' || n) ELSE pg_temp.uid('dept:LOG', 'fr' || n) END,
       CASE WHEN x.t IN ('EMERGENCY', 'TRANSFER') THEN 1 + pg_temp.hi('fp' || n, 3000) END,
       x.t,
       CASE WHEN x.t = 'EMERGENCY' THEN (1 + pg_temp.hi('fo' || n, 999)) || ' ' || pg_temp.pick(names.street, 'fos' || n) || ' Street'
            ELSE 'Main Hospital' END,
       CASE WHEN x.t = 'EMERGENCY' THEN 'Main Hospital'
            WHEN x.t = 'TRANSFER' THEN pg_temp.pick(ARRAY['Regional Medical Center', 'City Heart Institute',
                                          'Children''s Hospital', 'Rehabilitation Center'], 'fde' || n)
            ELSE pg_temp.pick(ARRAY['Central Warehouse', 'Supplier depot', 'Satellite Clinic North', 'Satellite Clinic South',
                                    'City Health Office'], 'fde' || n) END,
       timestamptz '2023-01-02 00:00:00+00' + n * interval '5 hours 31 minutes',
       CASE WHEN n > 2490 THEN NULL
            ELSE timestamptz '2023-01-02 00:00:00+00' + n * interval '5 hours 31 minutes' + (30 + pg_temp.hi('fret' || n, 300)) * interval '1 minute' END,
       CASE WHEN n > 2490 THEN NULL ELSE round(2 + pg_temp.hi('fkm' || n, 1200) / 10.0, 1) END,
       CASE WHEN n > 2490 THEN 'EN_ROUTE' WHEN n % 40 = 0 THEN 'CANCELLED' ELSE 'COMPLETED' END
FROM generate_series(1, 2500) AS n
CROSS JOIN names
CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['EMERGENCY', 'EMERGENCY', 'TRANSFER', 'DELIVERY', 'PICKUP'], 'ft' || n) AS t) AS x
ORDER BY n;

INSERT INTO fleet_costs (id, vehicle_id, cost_type, amount, cost_date, odometer_km, receipt_no, recorded_by)
SELECT n, 1 + pg_temp.hi('cv' || n, 25), c.t,
       CASE c.t WHEN 'FUEL' THEN pg_temp.money('ca' || n, 800, 6000) WHEN 'MAINTENANCE' THEN pg_temp.money('ca' || n, 1500, 60000)
                WHEN 'INSURANCE' THEN pg_temp.money('ca' || n, 15000, 45000) WHEN 'REGISTRATION' THEN pg_temp.money('ca' || n, 1500, 5000)
                ELSE pg_temp.money('ca' || n, 50, 500) END,
       date '2023-01-02' + n * 8 / 10,
       CASE WHEN c.t IN ('FUEL', 'MAINTENANCE') THEN 5000 + pg_temp.hi('co' || n, 250000) END,
       CASE WHEN n % 9 = 0 THEN NULL ELSE 'RCPT-' || lpad(pg_temp.hi('cr' || n, 10000000)::text, 7, '0') END,
       pg_temp.uid('dept:LOG', 'crb' || n)
FROM generate_series(1, 1500) AS n
CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['FUEL', 'FUEL', 'FUEL', 'FUEL', 'MAINTENANCE', 'MAINTENANCE', 'INSURANCE',
                                              'REGISTRATION', 'TOLL', 'TOLL'], 'ct' || n) AS t) AS c
ORDER BY n;

INSERT INTO purchase_orders (id, po_number, supplier_id, order_date, expected_date, status, total_amount, notes,
                             created_by, approved_by, created_at)
SELECT n, 'PO-' || extract(year FROM date '2023-06-01' + n * 9 / 10) || '-' || lpad(n::text, 5, '0'),
       1 + pg_temp.hi('ps' || n, 60),
       date '2023-06-01' + n * 9 / 10,
       CASE WHEN n % 11 = 0 THEN NULL ELSE date '2023-06-01' + n * 9 / 10 + 7 + pg_temp.hi('pe' || n, 30) END,
       s.st::po_status,
       0,
       CASE WHEN n % 5 = 0 THEN pg_temp.pick(ARRAY['Urgent - ER stock', 'Quarterly replenishment', 'Price as per contract',
               'Partial delivery accepted', 'Deliver to Warehouse B'], 'pn' || n) END,
       pg_temp.uid('logistics_staff', 'pcb' || n),
       CASE WHEN s.st IN ('APPROVED', 'RECEIVED') THEN 5 END,
       (date '2023-06-01' + n * 9 / 10 + time '09:00') AT TIME ZONE 'UTC' + pg_temp.hi('pca' || n, 28000) * interval '1 second'
FROM generate_series(1, 800) AS n
CROSS JOIN LATERAL (SELECT CASE WHEN n > 780 THEN pg_temp.pick(ARRAY['DRAFT', 'SUBMITTED'], 'pst' || n)
                                ELSE pg_temp.pick(ARRAY['RECEIVED', 'RECEIVED', 'RECEIVED', 'RECEIVED', 'APPROVED', 'CANCELLED'], 'pst' || n)
                           END AS st) AS s
ORDER BY n;

INSERT INTO po_items (id, purchase_order_id, inventory_id, quantity, unit_price, line_total, received_qty)
SELECT row_number() OVER (ORDER BY p.id, k), p.id, i.id, q.qty, q.price, q.qty * q.price,
       CASE WHEN p.status = 'RECEIVED' THEN q.qty - CASE WHEN k = 1 AND p.id % 13 = 0 THEN 1 ELSE 0 END ELSE 0 END
FROM purchase_orders p
CROSS JOIN LATERAL generate_series(1, 1 + pg_temp.hi('pic' || p.id, 7)) AS k
JOIN inventory i ON i.id = 1 + pg_temp.hi('pii' || p.id || '/' || k, 500)
CROSS JOIN LATERAL (SELECT 10 * (1 + pg_temp.hi('piq' || p.id || '/' || k, 50)) AS qty,
                           round(i.unit_cost * (0.9 + pg_temp.hi('pip' || p.id || '/' || k, 21) / 100.0), 2) AS price) AS q
ORDER BY 1;

UPDATE purchase_orders p SET total_amount = s.total
FROM (SELECT purchase_order_id, sum(line_total) AS total FROM po_items GROUP BY purchase_order_id) AS s
WHERE s.purchase_order_id = p.id;

INSERT INTO log_documents (id, purchase_order_id, doc_type, file_name, file_path, file_size, uploaded_by, uploaded_at)
SELECT row_number() OVER (ORDER BY p.id, k), p.id, d.t,
       lower(d.t) || '-' || p.po_number || '.pdf',
       'procurement/' || p.po_number || '/' || lower(d.t) || '-' || p.po_number || '.pdf',
       20000 + pg_temp.hi('lds' || p.id || '/' || k, 2000000),
       p.created_by,
       p.created_at + k * interval '2 days' + pg_temp.hi('ldu' || p.id || '/' || k, 30000) * interval '1 second'
FROM purchase_orders p
CROSS JOIN LATERAL generate_series(1, pg_temp.hi('ldc' || p.id, 4)) AS k
CROSS JOIN LATERAL (SELECT CASE WHEN k = 1 AND p.id % 5 = 0 THEN 'CONTRACT'
                                ELSE (ARRAY['QUOTATION', 'DELIVERY_RECEIPT', 'INVOICE'])[k] END AS t) AS d
ORDER BY 1;

-- ================================================================ FIN1: Billing & Accounts
INSERT INTO bank_accounts (id, bank_name, account_number, account_name, account_type, currency, opening_balance, is_active)
VALUES (1, 'First National Bank', '0012-3456-7890', 'HMS Operating Account', 'CHECKING', 'USD', 2500000.00, true),
       (2, 'First National Bank', '0012-3456-7891', 'HMS Payroll Account', 'CHECKING', 'USD', 1200000.00, true),
       (3, 'Metro Savings Bank', '7788-0001-22', 'HMS Collections Account', 'SAVINGS', 'USD', 850000.00, true),
       (4, 'Metro Savings Bank', '7788-0001-23', 'HMS Reserve Fund', 'SAVINGS', 'USD', 5000000.00, true),
       (5, 'Union Commerce Bank', 'UCB-55-019283', 'HMS Supplier Payments', 'CHECKING', 'USD', 600000.00, true),
       (6, 'Union Commerce Bank', 'UCB-55-019284', 'HMS Petty Cash Fund', 'CHECKING', 'USD', 50000.00, true),
       (7, 'Euro Trade Bank', 'DE89370400440532013000', 'HMS Equipment Import', 'CURRENT', 'EUR', 150000.00, true),
       (8, 'Old Regional Bank', '0099-0000-11', 'HMS Old Operating Account', 'CHECKING', 'USD', 0.00, false);

-- one bill per completed appointment (the first 5,000)
INSERT INTO billing_records (id, bill_no, patient_id, appointment_id, bill_date, total_amount, discount, amount_due, status,
                             line_items, created_by, created_at)
WITH a AS (
    SELECT a.*, row_number() OVER (ORDER BY a.id) AS k
    FROM appointments a WHERE a.status = 'COMPLETED'
), b AS (
    SELECT a.k, a.id AS appointment_id, a.patient_id, a.scheduled_at,
           500 + pg_temp.hi('bc' || a.k, 16) * 50 AS consultation,
           pg_temp.money('bo' || a.k, 0, 12000) AS other,
           pg_temp.hi('bdisc' || a.k, 5) = 0 AS senior
    FROM a WHERE a.k <= 5000
)
SELECT k, 'BILL-' || extract(year FROM scheduled_at) || '-' || lpad(k::text, 6, '0'), patient_id, appointment_id,
       (scheduled_at AT TIME ZONE 'UTC')::date,
       consultation + other,
       CASE WHEN senior THEN round((consultation + other) * 0.20, 2) ELSE 0 END,
       consultation + other - CASE WHEN senior THEN round((consultation + other) * 0.20, 2) ELSE 0 END,
       pg_temp.pick(ARRAY['PAID', 'PAID', 'PAID', 'PAID', 'PAID', 'PARTIAL', 'UNPAID', 'UNPAID', 'VOID'], 'bs' || k),
       jsonb_build_array(jsonb_build_object('code', 'CONS', 'description', 'Professional fee', 'qty', 1, 'amount', consultation))
           || CASE WHEN other > 0 THEN jsonb_build_array(jsonb_build_object('code', 'MISC', 'description',
                   'Laboratory, medicines and supplies', 'qty', 1, 'amount', other)) ELSE '[]'::jsonb END,
       pg_temp.uid('finance_staff', 'bcb' || k),
       scheduled_at + interval '2 hours'
FROM b
ORDER BY k;

INSERT INTO receivables (id, billing_record_id, payer_type, payer_name, amount_due, amount_paid, due_date, status)
SELECT row_number() OVER (ORDER BY b.id), b.id, x.t,
       CASE x.t WHEN 'PATIENT' THEN p.first_name || ' ' || p.last_name
                WHEN 'INSURANCE' THEN pg_temp.pick(ARRAY['Guardian Health Insurance', 'Sunrise Life & Health', 'MediCare Plus'], 'ri' || b.id)
                ELSE pg_temp.pick(ARRAY['Maxicare HMO', 'Intellicare HMO', 'Medicard HMO'], 'rh' || b.id) END,
       b.amount_due,
       CASE b.status WHEN 'PAID' THEN b.amount_due WHEN 'PARTIAL' THEN round(b.amount_due / 2, 2) ELSE 0 END,
       b.bill_date + 30,
       CASE b.status WHEN 'PAID' THEN 'PAID' WHEN 'PARTIAL' THEN 'PARTIAL'
                     ELSE CASE WHEN b.bill_date < date '2025-03-01' THEN 'OVERDUE' ELSE 'OPEN' END END
FROM billing_records b
JOIN patients p ON p.id = b.patient_id
CROSS JOIN LATERAL (SELECT CASE WHEN p.insurance_no IS NULL THEN 'PATIENT'
                                ELSE pg_temp.pick(ARRAY['PATIENT', 'INSURANCE', 'INSURANCE', 'HMO'], 'rt' || b.id) END AS t) AS x
WHERE b.status <> 'VOID'
ORDER BY b.id;

-- PAID receivables are settled in one or two collections, PARTIAL ones in one
INSERT INTO collections (id, receivable_id, or_number, amount, method, bank_account_id, collected_by, collected_at)
WITH c AS (
    SELECT r.id AS receivable_id, k,
           CASE WHEN r.status = 'PARTIAL' THEN r.amount_paid
                WHEN pg_temp.hi('split' || r.id, 4) = 0 AND k = 1 THEN round(r.amount_paid / 3, 2)
                WHEN pg_temp.hi('split' || r.id, 4) = 0 THEN r.amount_paid - round(r.amount_paid / 3, 2)
                ELSE r.amount_paid END AS amount,
           (b.bill_date + (k - 1) * 14 + time '11:00') AT TIME ZONE 'UTC' + pg_temp.hi('cat' || r.id || '/' || k, 20000) * interval '1 second' AS collected_at,
           pg_temp.pick(ARRAY['CASH', 'CASH', 'CARD', 'BANK_TRANSFER', 'CHECK'], 'cm' || r.id || '/' || k) AS method
    FROM receivables r
    JOIN billing_records b ON b.id = r.billing_record_id
    CROSS JOIN generate_series(1, 2) AS k
    WHERE r.status IN ('PAID', 'PARTIAL') AND r.amount_paid > 0
      AND (k = 1 OR (r.status = 'PAID' AND pg_temp.hi('split' || r.id, 4) = 0))
)
SELECT row_number() OVER (ORDER BY collected_at, receivable_id), receivable_id,
       'OR-' || lpad((row_number() OVER (ORDER BY collected_at, receivable_id))::text, 7, '0'),
       amount, method,
       CASE WHEN method = 'CASH' THEN NULL ELSE 3 END,
       pg_temp.uid('finance_staff', 'ccb' || receivable_id || '/' || k),
       collected_at
FROM c
ORDER BY 1;

INSERT INTO vendors (id, vendor_code, name, tin, address, email, payment_terms, is_active)
SELECT n, 'VND-' || lpad(n::text, 4, '0'),
       pg_temp.pick(ARRAY['Allied', 'Bright', 'Capital', 'Delta', 'Eastern', 'Fidelity', 'Global', 'Horizon'], 'vn1' || n) || ' '
           || pg_temp.pick(ARRAY['Utilities', 'Janitorial Services', 'Security Agency', 'IT Solutions', 'Food Services',
                                 'Linen Services', 'Medical Supply', 'Waste Management', 'Consulting'], 'vn2' || n) || ' ' || n,
       CASE WHEN n % 9 = 0 THEN NULL ELSE lpad(pg_temp.hi('tin' || n, 1000000000)::text, 9, '0') || '-000' END,
       (1 + pg_temp.hi('va' || n, 999)) || ' Commerce Avenue, ' || pg_temp.pick(names.city, 'vc' || n),
       CASE WHEN n % 6 = 0 THEN NULL ELSE 'billing' || n || '@vendor.example.com' END,
       pg_temp.pick(ARRAY[15, 30, 30, 45, 60], 'vt' || n),
       n % 20 <> 0
FROM generate_series(1, 80) AS n, names
ORDER BY n;

INSERT INTO vendor_invoices (id, vendor_id, purchase_order_id, invoice_no, invoice_date, due_date, amount, tax, status)
SELECT n, v.id, CASE WHEN n % 2 = 0 THEN 1 + pg_temp.hi('vip' || n, 800) END,
       'INV-' || upper(substr(md5('vi' || n), 1, 4)) || '-' || lpad(n::text, 5, '0'),
       date '2023-07-03' + n * 6 / 10,
       date '2023-07-03' + n * 6 / 10 + v.payment_terms,
       pg_temp.money('via' || n, 1500, 480000),
       round(pg_temp.money('via' || n, 1500, 480000) * 0.12, 2),
       pg_temp.pick(ARRAY['PAID', 'PAID', 'PAID', 'PAID', 'PAID', 'PAID', 'PARTIAL', 'UNPAID', 'DISPUTED'], 'vis' || n)
FROM generate_series(1, 1500) AS n
JOIN vendors v ON v.id = 1 + pg_temp.hi('viv' || n, 80)
ORDER BY n;

INSERT INTO vendor_payments (id, vendor_invoice_id, bank_account_id, payment_date, amount, method, reference_no, paid_by)
SELECT row_number() OVER (ORDER BY i.id), i.id, CASE WHEN i.id % 9 = 0 THEN 1 ELSE 5 END,
       i.due_date - pg_temp.hi('vpd' || i.id, 10),
       CASE WHEN i.status = 'PAID' THEN i.amount + i.tax ELSE round((i.amount + i.tax) / 2, 2) END,
       pg_temp.pick(ARRAY['BANK_TRANSFER', 'BANK_TRANSFER', 'CHECK'], 'vpm' || i.id),
       'VP-' || lpad(i.id::text, 6, '0'),
       pg_temp.uid('finance_staff', 'vpb' || i.id)
FROM vendor_invoices i
WHERE i.status IN ('PAID', 'PARTIAL')
ORDER BY i.id;

INSERT INTO cash_transactions (id, bank_account_id, txn_type, amount, reference, description, recorded_by, txn_at)
SELECT n, 1 + pg_temp.hi('cb' || n, 7), x.t,
       CASE x.t WHEN 'FEE' THEN pg_temp.money('cam' || n, 5, 250) WHEN 'INTEREST' THEN pg_temp.money('cam' || n, 10, 3000)
                ELSE pg_temp.money('cam' || n, 500, 350000) END,
       CASE WHEN n % 7 = 0 THEN NULL ELSE x.t || '-' || lpad(n::text, 6, '0') END,
       CASE x.t WHEN 'DEPOSIT' THEN 'Deposit of daily collections' WHEN 'WITHDRAWAL' THEN 'Cash withdrawal for petty cash'
                WHEN 'TRANSFER' THEN 'Inter-account transfer' WHEN 'FEE' THEN 'Bank service charge' ELSE 'Interest credited' END,
       pg_temp.uid('finance_staff', 'crb' || n),
       timestamptz '2023-01-02 08:00:00+00' + n * interval '6 hours 47 minutes'
FROM generate_series(1, 4000) AS n
CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['DEPOSIT', 'DEPOSIT', 'DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'TRANSFER',
                                              'FEE', 'INTEREST'], 'ctt' || n) AS t) AS x
ORDER BY n;

-- double-entry journal: billing (AR / revenue), vendor payments (AP / cash), payroll; then reversing
-- entries (reverses_entry_id -> the line they reverse: a self-reference inside FIN1)
INSERT INTO general_ledger (id, entry_no, entry_date, account_code, account_name, account_type, debit, credit,
                            description, source_type, source_id, reverses_entry_id, posted_by, posted_at)
WITH e AS (
    SELECT b.bill_date AS d, 'BILLING' AS src, b.id AS sid, b.amount_due AS amt, 'Patient billing ' || b.bill_no AS descr,
           '1130' AS dr_code, 'Accounts Receivable - Patients' AS dr_name, 'ASSET' AS dr_type,
           '4100' AS cr_code, 'Patient Service Revenue' AS cr_name, 'REVENUE' AS cr_type, b.created_by AS who
    FROM billing_records b WHERE b.id <= 2500 AND b.status <> 'VOID'
    UNION ALL
    SELECT p.payment_date, 'VENDOR_PAYMENT', p.id, p.amount, 'Payment ' || p.reference_no,
           '2100', 'Accounts Payable - Trade', 'LIABILITY', '1010', 'Cash in Bank', 'ASSET', p.paid_by
    FROM vendor_payments p
    UNION ALL
    SELECT pr.period_end, 'PAYROLL', NULL, sum(pr.net_pay), 'Payroll ' || pr.period_start || ' to ' || pr.period_end,
           '5100', 'Salaries and Wages', 'EXPENSE', '1020', 'Cash in Bank - Payroll', 'ASSET', 6
    FROM payroll_records pr WHERE pr.status = 'PAID' GROUP BY pr.period_start, pr.period_end
), en AS (
    SELECT e.*, row_number() OVER (ORDER BY d, src, sid) AS k FROM e
)
SELECT 2 * k - 1 + s, 'JE-' || lpad(k::text, 6, '0'), d,
       CASE WHEN s = 0 THEN dr_code ELSE cr_code END, CASE WHEN s = 0 THEN dr_name ELSE cr_name END,
       (CASE WHEN s = 0 THEN dr_type ELSE cr_type END)::account_type,
       CASE WHEN s = 0 THEN amt ELSE 0 END, CASE WHEN s = 1 THEN amt ELSE 0 END,
       descr, src, sid, NULL, who,
       (d + time '18:00') AT TIME ZONE 'UTC' + k * interval '1 second'
FROM en CROSS JOIN generate_series(0, 1) AS s
ORDER BY 1;

INSERT INTO general_ledger (id, entry_no, entry_date, account_code, account_name, account_type, debit, credit,
                            description, source_type, source_id, reverses_entry_id, posted_by, posted_at)
SELECT (SELECT max(id) FROM general_ledger) + row_number() OVER (ORDER BY g.id),
       'JE-R' || substr(g.entry_no, 4), g.entry_date + 3, g.account_code, g.account_name, g.account_type,
       g.credit, g.debit, 'Reversal of ' || g.entry_no || ': ' || g.description, 'ADJUSTMENT', g.source_id, g.id, 6,
       g.posted_at + interval '3 days'
FROM general_ledger g
WHERE g.source_type = 'BILLING' AND substr(g.entry_no, 4)::int % 50 = 0
ORDER BY g.id;

INSERT INTO generated_reports (id, report_type, title, parameters, format, file_path, file_size, generated_by, generated_at)
SELECT n, x.t, x.title || ' ' || to_char(date '2023-01-01' + n * 3, 'YYYY-MM'),
       jsonb_build_object('from', date '2023-01-01' + n * 3 - 30, 'to', date '2023-01-01' + n * 3,
                          'department', x.dept, 'include_inactive', n % 4 = 0),
       x.fmt,
       CASE WHEN n % 25 = 0 THEN NULL ELSE 'reports/' || lower(x.t) || '/' || n || '.' || lower(x.fmt) END,
       CASE WHEN n % 25 = 0 THEN NULL ELSE 15000 + pg_temp.hi('grs' || n, 900000) END,
       pg_temp.uid('dept:' || x.dept, 'grb' || n),
       (date '2023-01-01' + n * 3 + time '07:30') AT TIME ZONE 'UTC'
FROM generate_series(1, 300) AS n
CROSS JOIN LATERAL (SELECT * FROM (VALUES
        (0, 'FINANCIAL_STATEMENT', 'Statement of Financial Position', 'FIN', 'PDF'),
        (1, 'AGING_REPORT', 'Receivables Aging', 'FIN', 'XLSX'), (2, 'CENSUS', 'Daily Patient Census', 'CT', 'PDF'),
        (3, 'PAYROLL_SUMMARY', 'Payroll Summary', 'HR', 'XLSX'), (4, 'INVENTORY_VALUATION', 'Inventory Valuation', 'LOG', 'CSV'),
        (5, 'FLEET_UTILIZATION', 'Fleet Utilization', 'LOG', 'PDF')
    ) AS r (k, t, title, dept, fmt) WHERE r.k = pg_temp.hi('grt' || n, 6)) AS x
ORDER BY n;

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

DROP TABLE role_ids;
DROP TABLE names;
