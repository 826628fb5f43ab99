-- HMS demo source: schema (database "hms", schema public).
--
-- A hospital management system with the departments and subsystems of
-- shared/seeds/hms-granular-backup-plan.md (HR1-HR4, CT1-CT3, LOG1-LOG2, FIN1) and a shared
-- "users" table. Flask/Supabase style: serial/bigserial keys (owned sequences, not identity
-- columns), plain (NOT deferrable) foreign keys.
-- Things a backup/restore engine has to cope with here:
--   * enum types: user_role, appointment_status, leave_type, po_status, account_type
--   * self-references: users.manager_id -> users (some managers have a HIGHER id than the
--     people they manage, so inserting in id order breaks the constraint),
--     general_ledger.reverses_entry_id -> general_ledger (reversing entries)
--   * foreign keys that cross subsystems and departments, e.g. prescriptions (CT2) -> inventory
--     (LOG1), dispensing_history (LOG1) -> patients (CT1), inventory (LOG1) -> suppliers (LOG2),
--     vendor_invoices (FIN1) -> purchase_orders (LOG2), and almost everything -> users (shared)
--   * numeric(12,2)/numeric(14,2) money, date, time, timestamptz, boolean, jsonb, text[],
--     char(n), smallint columns; a table (attendance_logs) with ~20,000 rows
--   * onboarding.applicant_id and drivers.user_id are UNIQUE foreign keys (one-to-one)

CREATE TYPE user_role AS ENUM ('admin', 'doctor', 'nurse', 'pharmacist', 'lab_technician', 'receptionist',
                               'hr_staff', 'finance_staff', 'logistics_staff', 'driver');
CREATE TYPE appointment_status AS ENUM ('SCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW');
CREATE TYPE leave_type AS ENUM ('VACATION', 'SICK', 'EMERGENCY', 'MATERNITY', 'PATERNITY', 'UNPAID');
CREATE TYPE po_status AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RECEIVED', 'CANCELLED');
CREATE TYPE account_type AS ENUM ('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE');

-- ================================================================ shared
CREATE TABLE users (
    id            serial PRIMARY KEY,
    username      varchar(50) NOT NULL UNIQUE,
    email         varchar(120) NOT NULL UNIQUE,
    full_name     varchar(120) NOT NULL,
    password_hash text NOT NULL,
    role          user_role NOT NULL,
    department    varchar(10) NOT NULL CHECK (department IN ('ADMIN', 'HR', 'CT', 'LOG', 'FIN')),
    position      varchar(80) NOT NULL,
    manager_id    integer NULL REFERENCES users (id),
    phone         varchar(20) NULL,
    hire_date     date NOT NULL,
    is_active     boolean NOT NULL DEFAULT true,
    last_login    timestamptz NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_manager_id_idx ON users (manager_id);

-- ================================================================ HR1: Talent Acquisition
CREATE TABLE vacancies (
    id              serial PRIMARY KEY,
    title           varchar(120) NOT NULL,
    department      varchar(10) NOT NULL,
    employment_type varchar(20) NOT NULL,
    openings        smallint NOT NULL CHECK (openings > 0),
    salary_min      numeric(12,2) NOT NULL,
    salary_max      numeric(12,2) NOT NULL,
    status          varchar(20) NOT NULL,
    posted_date     date NOT NULL,
    closing_date    date NULL,
    requirements    jsonb NOT NULL DEFAULT '{}',
    created_by      integer NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (salary_max >= salary_min)
);

CREATE TABLE applicants (
    id              serial PRIMARY KEY,
    vacancy_id      integer NOT NULL REFERENCES vacancies (id),
    first_name      varchar(60) NOT NULL,
    last_name       varchar(60) NOT NULL,
    email           varchar(120) NOT NULL,
    phone           varchar(20) NULL,
    source          varchar(30) NOT NULL,
    status          varchar(20) NOT NULL,
    expected_salary numeric(12,2) NULL,
    resume_path     text NULL,
    applied_at      timestamptz NOT NULL
);
CREATE INDEX applicants_vacancy_id_idx ON applicants (vacancy_id);

CREATE TABLE interviews (
    id             serial PRIMARY KEY,
    applicant_id   integer NOT NULL REFERENCES applicants (id),
    interviewer_id integer NOT NULL REFERENCES users (id),
    interview_type varchar(20) NOT NULL,
    scheduled_at   timestamptz NOT NULL,
    score          numeric(4,1) NULL CHECK (score BETWEEN 0 AND 10),
    result         varchar(20) NOT NULL,
    notes          text NULL
);
CREATE INDEX interviews_applicant_id_idx ON interviews (applicant_id);

CREATE TABLE onboarding (
    id           serial PRIMARY KEY,
    applicant_id integer NOT NULL UNIQUE REFERENCES applicants (id),
    user_id      integer NULL REFERENCES users (id),
    start_date   date NOT NULL,
    status       varchar(20) NOT NULL,
    checklist    jsonb NOT NULL,
    completed_at timestamptz NULL,
    created_by   integer NOT NULL REFERENCES users (id)
);

-- ================================================================ HR2: Talent Development
CREATE TABLE competencies (
    id          serial PRIMARY KEY,
    code        varchar(20) NOT NULL UNIQUE,
    name        varchar(120) NOT NULL,
    category    varchar(40) NOT NULL,
    description text NULL
);

CREATE TABLE staff_competencies (
    id                serial PRIMARY KEY,
    user_id           integer NOT NULL REFERENCES users (id),
    competency_id     integer NOT NULL REFERENCES competencies (id),
    proficiency_level smallint NOT NULL CHECK (proficiency_level BETWEEN 1 AND 5),
    assessed_on       date NOT NULL,
    assessed_by       integer NULL REFERENCES users (id),
    UNIQUE (user_id, competency_id)
);
CREATE INDEX staff_competencies_competency_id_idx ON staff_competencies (competency_id);

CREATE TABLE trainings (
    id          serial PRIMARY KEY,
    title       varchar(150) NOT NULL,
    description text NULL,
    trainer_id  integer NULL REFERENCES users (id),
    competency_id integer NULL REFERENCES competencies (id),
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    location    varchar(80) NOT NULL,
    capacity    smallint NOT NULL,
    cost        numeric(12,2) NOT NULL DEFAULT 0,
    status      varchar(20) NOT NULL,
    CHECK (end_date >= start_date)
);

CREATE TABLE training_participants (
    id          serial PRIMARY KEY,
    training_id integer NOT NULL REFERENCES trainings (id),
    user_id     integer NOT NULL REFERENCES users (id),
    status      varchar(20) NOT NULL,
    score       numeric(5,2) NULL,
    completed   boolean NOT NULL DEFAULT false,
    enrolled_at timestamptz NOT NULL,
    UNIQUE (training_id, user_id)
);
CREATE INDEX training_participants_user_id_idx ON training_participants (user_id);

-- ================================================================ HR3: Workforce Operations
CREATE TABLE attendance_logs (
    id           bigserial PRIMARY KEY,
    user_id      integer NOT NULL REFERENCES users (id),
    log_date     date NOT NULL,
    time_in      timestamptz NULL,
    time_out     timestamptz NULL,
    status       varchar(12) NOT NULL,
    hours_worked numeric(5,2) NOT NULL DEFAULT 0,
    remarks      text NULL,
    UNIQUE (user_id, log_date)
);
CREATE INDEX attendance_logs_log_date_idx ON attendance_logs (log_date);

CREATE TABLE leave_requests (
    id          serial PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users (id),
    leave_type  leave_type NOT NULL,
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    days        numeric(4,1) NOT NULL,
    reason      text NULL,
    status      varchar(12) NOT NULL,
    approved_by integer NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX leave_requests_user_id_idx ON leave_requests (user_id);

CREATE TABLE staff_schedules (
    id            serial PRIMARY KEY,
    user_id       integer NOT NULL REFERENCES users (id),
    schedule_date date NOT NULL,
    shift         varchar(12) NOT NULL,
    shift_start   time NOT NULL,
    shift_end     time NOT NULL,
    unit          varchar(40) NOT NULL,
    created_by    integer NOT NULL REFERENCES users (id),
    UNIQUE (user_id, schedule_date)
);

-- ================================================================ HR4: Compensation & Analytics
CREATE TABLE salary_grades (
    id             serial PRIMARY KEY,
    grade_code     varchar(10) NOT NULL UNIQUE,
    title          varchar(80) NOT NULL,
    min_salary     numeric(12,2) NOT NULL,
    max_salary     numeric(12,2) NOT NULL,
    step_increment numeric(12,2) NOT NULL
);

CREATE TABLE compensation_records (
    id              serial PRIMARY KEY,
    user_id         integer NOT NULL REFERENCES users (id),
    salary_grade_id integer NOT NULL REFERENCES salary_grades (id),
    base_salary     numeric(12,2) NOT NULL,
    allowances      numeric(12,2) NOT NULL DEFAULT 0,
    effective_date  date NOT NULL,
    end_date        date NULL,
    reason          varchar(40) NOT NULL,
    created_by      integer NOT NULL REFERENCES users (id)
);
CREATE INDEX compensation_records_user_id_idx ON compensation_records (user_id);

CREATE TABLE payroll_records (
    id           serial PRIMARY KEY,
    user_id      integer NOT NULL REFERENCES users (id),
    period_start date NOT NULL,
    period_end   date NOT NULL,
    gross_pay    numeric(12,2) NOT NULL,
    deductions   numeric(12,2) NOT NULL,
    tax          numeric(12,2) NOT NULL,
    net_pay      numeric(12,2) NOT NULL,
    status       varchar(12) NOT NULL,
    paid_at      timestamptz NULL,
    breakdown    jsonb NOT NULL,
    UNIQUE (user_id, period_start)
);

-- ================================================================ CT1: Patient Access
CREATE TABLE patients (
    id                serial PRIMARY KEY,
    patient_code      varchar(12) NOT NULL UNIQUE,
    first_name        varchar(60) NOT NULL,
    last_name         varchar(60) NOT NULL,
    birth_date        date NOT NULL,
    sex               char(1) NOT NULL CHECK (sex IN ('M', 'F')),
    blood_type        varchar(3) NULL,
    phone             varchar(20) NULL,
    email             varchar(120) NULL,
    address           text NOT NULL,
    insurance_no      varchar(20) NULL,
    emergency_contact jsonb NULL,
    allergies         text[] NOT NULL DEFAULT '{}',
    is_active         boolean NOT NULL DEFAULT true,
    registered_at     timestamptz NOT NULL
);
CREATE INDEX patients_last_name_idx ON patients (last_name);

CREATE TABLE appointments (
    id               serial PRIMARY KEY,
    patient_id       integer NOT NULL REFERENCES patients (id),
    doctor_id        integer NOT NULL REFERENCES users (id),
    scheduled_at     timestamptz NOT NULL,
    duration_minutes smallint NOT NULL,
    department       varchar(40) NOT NULL,
    reason           text NULL,
    status           appointment_status NOT NULL,
    created_by       integer NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL
);
CREATE INDEX appointments_patient_id_idx ON appointments (patient_id);
CREATE INDEX appointments_doctor_id_idx ON appointments (doctor_id);
CREATE INDEX appointments_scheduled_at_idx ON appointments (scheduled_at);

-- ================================================================ LOG2 (part): suppliers, before inventory refers to them
CREATE TABLE suppliers (
    id             serial PRIMARY KEY,
    supplier_code  varchar(12) NOT NULL UNIQUE,
    name           varchar(120) NOT NULL,
    contact_person varchar(120) NULL,
    email          varchar(120) NULL,
    phone          varchar(20) NULL,
    address        text NULL,
    category       varchar(30) NOT NULL,
    rating         numeric(3,2) NULL CHECK (rating BETWEEN 0 AND 5),
    is_active      boolean NOT NULL DEFAULT true
);

-- ================================================================ LOG1: Inventory & Assets
CREATE TABLE inventory (
    id                    serial PRIMARY KEY,
    item_code             varchar(20) NOT NULL UNIQUE,
    name                  varchar(120) NOT NULL,
    category              varchar(20) NOT NULL,
    unit                  varchar(20) NOT NULL,
    quantity_on_hand      integer NOT NULL DEFAULT 0,
    reorder_level         integer NOT NULL DEFAULT 0,
    unit_cost             numeric(12,2) NOT NULL,
    expiry_date           date NULL,
    location              varchar(40) NOT NULL,
    preferred_supplier_id integer NULL REFERENCES suppliers (id),
    updated_at            timestamptz NOT NULL
);

-- ================================================================ CT2: Clinical Operations
CREATE TABLE lab_orders (
    id             serial PRIMARY KEY,
    patient_id     integer NOT NULL REFERENCES patients (id),
    appointment_id integer NULL REFERENCES appointments (id),
    ordered_by     integer NOT NULL REFERENCES users (id),
    test_code      varchar(20) NOT NULL,
    test_name      varchar(120) NOT NULL,
    priority       varchar(10) NOT NULL,
    status         varchar(20) NOT NULL,
    ordered_at     timestamptz NOT NULL,
    resulted_at    timestamptz NULL,
    result_value   text NULL,
    result_flag    varchar(10) NULL,
    results        jsonb NULL
);
CREATE INDEX lab_orders_patient_id_idx ON lab_orders (patient_id);

CREATE TABLE prescriptions (
    id             serial PRIMARY KEY,
    patient_id     integer NOT NULL REFERENCES patients (id),
    appointment_id integer NULL REFERENCES appointments (id),
    prescribed_by  integer NOT NULL REFERENCES users (id),
    inventory_id   integer NULL REFERENCES inventory (id),
    medication     varchar(120) NOT NULL,
    dosage         varchar(40) NOT NULL,
    frequency      varchar(40) NOT NULL,
    duration_days  smallint NOT NULL,
    quantity       integer NOT NULL,
    status         varchar(20) NOT NULL,
    prescribed_at  timestamptz NOT NULL
);
CREATE INDEX prescriptions_patient_id_idx ON prescriptions (patient_id);

-- ================================================================ CT3: Health Records & Beds
CREATE TABLE medical_records (
    id              serial PRIMARY KEY,
    patient_id      integer NOT NULL REFERENCES patients (id),
    appointment_id  integer NULL REFERENCES appointments (id),
    recorded_by     integer NOT NULL REFERENCES users (id),
    record_type     varchar(30) NOT NULL,
    diagnosis_code  varchar(10) NULL,
    chief_complaint text NULL,
    notes           text NOT NULL,
    vitals          jsonb NULL,
    is_confidential boolean NOT NULL DEFAULT false,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX medical_records_patient_id_idx ON medical_records (patient_id);

CREATE TABLE beds (
    id             serial PRIMARY KEY,
    bed_code       varchar(20) NOT NULL UNIQUE,
    ward           varchar(40) NOT NULL,
    room           varchar(10) NOT NULL,
    bed_type       varchar(20) NOT NULL,
    status         varchar(20) NOT NULL,
    patient_id     integer NULL REFERENCES patients (id),
    occupied_since timestamptz NULL,
    daily_rate     numeric(12,2) NOT NULL
);

-- ================================================================ LOG1 (continued)
CREATE TABLE dispensing_history (
    id              serial PRIMARY KEY,
    inventory_id    integer NOT NULL REFERENCES inventory (id),
    patient_id      integer NULL REFERENCES patients (id),
    prescription_id integer NULL REFERENCES prescriptions (id),
    quantity        integer NOT NULL CHECK (quantity > 0),
    dispensed_by    integer NOT NULL REFERENCES users (id),
    dispensed_at    timestamptz NOT NULL,
    notes           text NULL
);
CREATE INDEX dispensing_history_inventory_id_idx ON dispensing_history (inventory_id);

CREATE TABLE assets (
    id            serial PRIMARY KEY,
    asset_tag     varchar(20) NOT NULL UNIQUE,
    name          varchar(120) NOT NULL,
    category      varchar(30) NOT NULL,
    serial_number varchar(40) NULL,
    location      varchar(60) NOT NULL,
    purchase_date date NOT NULL,
    purchase_cost numeric(12,2) NOT NULL,
    status        varchar(20) NOT NULL,
    assigned_to   integer NULL REFERENCES users (id),
    specs         jsonb NULL
);

CREATE TABLE asset_maintenance_logs (
    id               serial PRIMARY KEY,
    asset_id         integer NOT NULL REFERENCES assets (id),
    maintenance_type varchar(20) NOT NULL,
    performed_on     date NOT NULL,
    performed_by     varchar(80) NOT NULL,
    cost             numeric(12,2) NOT NULL DEFAULT 0,
    notes            text NULL,
    next_due         date NULL,
    logged_by        integer NOT NULL REFERENCES users (id)
);
CREATE INDEX asset_maintenance_logs_asset_id_idx ON asset_maintenance_logs (asset_id);

-- ================================================================ LOG2: Fleet & Procurement
CREATE TABLE fleet_vehicles (
    id            serial PRIMARY KEY,
    plate_number  varchar(12) NOT NULL UNIQUE,
    vehicle_type  varchar(20) NOT NULL,
    make          varchar(40) NOT NULL,
    model         varchar(40) NOT NULL,
    year          smallint NOT NULL,
    status        varchar(20) NOT NULL,
    odometer_km   integer NOT NULL,
    acquired_date date NOT NULL
);

CREATE TABLE drivers (
    id             serial PRIMARY KEY,
    user_id        integer NULL UNIQUE REFERENCES users (id),
    full_name      varchar(120) NOT NULL,
    license_number varchar(20) NOT NULL UNIQUE,
    license_class  varchar(10) NOT NULL,
    license_expiry date NOT NULL,
    phone          varchar(20) NULL,
    status         varchar(20) NOT NULL
);

CREATE TABLE fleet_dispatch (
    id           serial PRIMARY KEY,
    vehicle_id   integer NOT NULL REFERENCES fleet_vehicles (id),
    driver_id    integer NOT NULL REFERENCES drivers (id),
    requested_by integer NOT NULL REFERENCES users (id),
    patient_id   integer NULL REFERENCES patients (id),
    dispatch_type varchar(20) NOT NULL,
    origin       varchar(120) NOT NULL,
    destination  varchar(120) NOT NULL,
    departed_at  timestamptz NOT NULL,
    returned_at  timestamptz NULL,
    distance_km  numeric(8,1) NULL,
    status       varchar(20) NOT NULL
);
CREATE INDEX fleet_dispatch_vehicle_id_idx ON fleet_dispatch (vehicle_id);

CREATE TABLE fleet_costs (
    id          serial PRIMARY KEY,
    vehicle_id  integer NOT NULL REFERENCES fleet_vehicles (id),
    cost_type   varchar(20) NOT NULL,
    amount      numeric(12,2) NOT NULL,
    cost_date   date NOT NULL,
    odometer_km integer NULL,
    receipt_no  varchar(30) NULL,
    recorded_by integer NOT NULL REFERENCES users (id)
);
CREATE INDEX fleet_costs_vehicle_id_idx ON fleet_costs (vehicle_id);

CREATE TABLE purchase_orders (
    id            serial PRIMARY KEY,
    po_number     varchar(20) NOT NULL UNIQUE,
    supplier_id   integer NOT NULL REFERENCES suppliers (id),
    order_date    date NOT NULL,
    expected_date date NULL,
    status        po_status NOT NULL,
    total_amount  numeric(12,2) NOT NULL DEFAULT 0,
    notes         text NULL,
    created_by    integer NOT NULL REFERENCES users (id),
    approved_by   integer NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL
);
CREATE INDEX purchase_orders_supplier_id_idx ON purchase_orders (supplier_id);

CREATE TABLE po_items (
    id                serial PRIMARY KEY,
    purchase_order_id integer NOT NULL REFERENCES purchase_orders (id),
    inventory_id      integer NOT NULL REFERENCES inventory (id),
    quantity          integer NOT NULL CHECK (quantity > 0),
    unit_price        numeric(12,2) NOT NULL,
    line_total        numeric(12,2) NOT NULL,
    received_qty      integer NOT NULL DEFAULT 0
);
CREATE INDEX po_items_purchase_order_id_idx ON po_items (purchase_order_id);
CREATE INDEX po_items_inventory_id_idx ON po_items (inventory_id);

CREATE TABLE log_documents (
    id                serial PRIMARY KEY,
    purchase_order_id integer NOT NULL REFERENCES purchase_orders (id),
    doc_type          varchar(20) NOT NULL,
    file_name         varchar(120) NOT NULL,
    file_path         text NOT NULL,
    file_size         integer NOT NULL,
    uploaded_by       integer NOT NULL REFERENCES users (id),
    uploaded_at       timestamptz NOT NULL
);
CREATE INDEX log_documents_purchase_order_id_idx ON log_documents (purchase_order_id);

-- ================================================================ FIN1: Billing & Accounts
CREATE TABLE bank_accounts (
    id              serial PRIMARY KEY,
    bank_name       varchar(80) NOT NULL,
    account_number  varchar(30) NOT NULL UNIQUE,
    account_name    varchar(120) NOT NULL,
    account_type    varchar(20) NOT NULL,
    currency        char(3) NOT NULL DEFAULT 'USD',
    opening_balance numeric(14,2) NOT NULL,
    is_active       boolean NOT NULL DEFAULT true
);

CREATE TABLE billing_records (
    id             serial PRIMARY KEY,
    bill_no        varchar(20) NOT NULL UNIQUE,
    patient_id     integer NOT NULL REFERENCES patients (id),
    appointment_id integer NULL REFERENCES appointments (id),
    bill_date      date NOT NULL,
    total_amount   numeric(12,2) NOT NULL,
    discount       numeric(12,2) NOT NULL DEFAULT 0,
    amount_due     numeric(12,2) NOT NULL,
    status         varchar(12) NOT NULL,
    line_items     jsonb NOT NULL,
    created_by     integer NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX billing_records_patient_id_idx ON billing_records (patient_id);

CREATE TABLE receivables (
    id                serial PRIMARY KEY,
    billing_record_id integer NOT NULL REFERENCES billing_records (id),
    payer_type        varchar(20) NOT NULL,
    payer_name        varchar(120) NOT NULL,
    amount_due        numeric(12,2) NOT NULL,
    amount_paid       numeric(12,2) NOT NULL DEFAULT 0,
    due_date          date NOT NULL,
    status            varchar(12) NOT NULL
);
CREATE INDEX receivables_billing_record_id_idx ON receivables (billing_record_id);

CREATE TABLE collections (
    id              serial PRIMARY KEY,
    receivable_id   integer NOT NULL REFERENCES receivables (id),
    or_number       varchar(20) NOT NULL UNIQUE,
    amount          numeric(12,2) NOT NULL CHECK (amount > 0),
    method          varchar(20) NOT NULL,
    bank_account_id integer NULL REFERENCES bank_accounts (id),
    collected_by    integer NOT NULL REFERENCES users (id),
    collected_at    timestamptz NOT NULL
);
CREATE INDEX collections_receivable_id_idx ON collections (receivable_id);

CREATE TABLE general_ledger (
    id                bigserial PRIMARY KEY,
    entry_no          varchar(20) NOT NULL,
    entry_date        date NOT NULL,
    account_code      varchar(10) NOT NULL,
    account_name      varchar(80) NOT NULL,
    account_type      account_type NOT NULL,
    debit             numeric(14,2) NOT NULL DEFAULT 0,
    credit            numeric(14,2) NOT NULL DEFAULT 0,
    description       text NULL,
    source_type       varchar(20) NOT NULL,
    source_id         integer NULL,
    reverses_entry_id bigint NULL REFERENCES general_ledger (id),
    posted_by         integer NOT NULL REFERENCES users (id),
    posted_at         timestamptz NOT NULL,
    CHECK (debit >= 0 AND credit >= 0)
);
CREATE INDEX general_ledger_entry_no_idx ON general_ledger (entry_no);
CREATE INDEX general_ledger_account_code_idx ON general_ledger (account_code);

CREATE TABLE vendors (
    id            serial PRIMARY KEY,
    vendor_code   varchar(12) NOT NULL UNIQUE,
    name          varchar(120) NOT NULL,
    tin           varchar(20) NULL,
    address       text NULL,
    email         varchar(120) NULL,
    payment_terms smallint NOT NULL DEFAULT 30,
    is_active     boolean NOT NULL DEFAULT true
);

CREATE TABLE vendor_invoices (
    id                serial PRIMARY KEY,
    vendor_id         integer NOT NULL REFERENCES vendors (id),
    purchase_order_id integer NULL REFERENCES purchase_orders (id),
    invoice_no        varchar(30) NOT NULL,
    invoice_date      date NOT NULL,
    due_date          date NOT NULL,
    amount            numeric(12,2) NOT NULL,
    tax               numeric(12,2) NOT NULL DEFAULT 0,
    status            varchar(12) NOT NULL,
    UNIQUE (vendor_id, invoice_no)
);

CREATE TABLE vendor_payments (
    id                serial PRIMARY KEY,
    vendor_invoice_id integer NOT NULL REFERENCES vendor_invoices (id),
    bank_account_id   integer NOT NULL REFERENCES bank_accounts (id),
    payment_date      date NOT NULL,
    amount            numeric(12,2) NOT NULL CHECK (amount > 0),
    method            varchar(20) NOT NULL,
    reference_no      varchar(30) NOT NULL,
    paid_by           integer NOT NULL REFERENCES users (id)
);
CREATE INDEX vendor_payments_vendor_invoice_id_idx ON vendor_payments (vendor_invoice_id);

CREATE TABLE cash_transactions (
    id              serial PRIMARY KEY,
    bank_account_id integer NOT NULL REFERENCES bank_accounts (id),
    txn_type        varchar(20) NOT NULL,
    amount          numeric(12,2) NOT NULL,
    reference       varchar(40) NULL,
    description     text NULL,
    recorded_by     integer NOT NULL REFERENCES users (id),
    txn_at          timestamptz NOT NULL
);
CREATE INDEX cash_transactions_bank_account_id_idx ON cash_transactions (bank_account_id);

CREATE TABLE generated_reports (
    id           serial PRIMARY KEY,
    report_type  varchar(40) NOT NULL,
    title        varchar(150) NOT NULL,
    parameters   jsonb NOT NULL DEFAULT '{}',
    format       varchar(6) NOT NULL,
    file_path    text NULL,
    file_size    integer NULL,
    generated_by integer NOT NULL REFERENCES users (id),
    generated_at timestamptz NOT NULL
);
