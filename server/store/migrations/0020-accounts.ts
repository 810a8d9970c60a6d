import type { Migration } from './migration';

/**
 * Accounts: password accounts of persons and units, login failures and lock-out, captchas, SMS
 * codes, unit registration applications, the 法人 records of insured units, the agents a 法人
 * names, and counter authorizations. Sessions learn how they were opened. Units may now share a
 * USCC: one enterprise can hold several 参保关系 (单位编号).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'accounts',
  rebuildsTables: true,
  up(db) {
    // Rebuild units without UNIQUE (uscc), foreign keys off (rebuildsTables): the children's
    // references name "units" and find the new table under that name.
    db.exec(`
      CREATE TABLE units_with_shared_uscc (
        unit_no TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        uscc    TEXT NOT NULL
      ) STRICT;
      INSERT INTO units_with_shared_uscc (unit_no, name, uscc) SELECT unit_no, name, uscc FROM units;
      DROP TABLE units;
      ALTER TABLE units_with_shared_uscc RENAME TO units;
      CREATE INDEX units_by_uscc ON units (uscc);
    `);

    db.exec(`
      ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'cert'
        CHECK (method IN ('cert', 'password', 'qr'));

      -- account is a 公民身份号码 (kind person) or a 统一社会信用代码 (kind unit).
      CREATE TABLE accounts (
        account           TEXT PRIMARY KEY,
        kind              TEXT NOT NULL CHECK (kind IN ('person', 'unit')),
        password_hash     TEXT NOT NULL,
        must_change       INTEGER NOT NULL CHECK (must_change IN (0, 1)),
        mobile            TEXT NOT NULL,
        agent_resident_id TEXT,
        agent_name        TEXT,
        legal_name        TEXT,
        legal_resident_id TEXT,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
      ) STRICT;

      -- Keyed by what was typed, known or not: an unknown account fails exactly like a known one.
      CREATE TABLE login_failures (
        account      TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL,
        locked_until INTEGER
      ) STRICT;

      CREATE TABLE captchas (
        captcha_id TEXT PRIMARY KEY,
        answer     TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
      ) STRICT;
      CREATE INDEX captchas_by_expiry ON captchas (expires_at);

      CREATE TABLE sms_codes (
        mobile     TEXT NOT NULL,
        purpose    TEXT NOT NULL CHECK (purpose IN ('register', 'reset')),
        code       TEXT NOT NULL,
        sent_at    INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        tries_left INTEGER NOT NULL,
        used_at    INTEGER,
        PRIMARY KEY (mobile, purpose)
      ) STRICT;

      -- What an SMS gateway would have sent; shown by /v1/dev/sms-outbox in the demo.
      CREATE TABLE sms_outbox (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        mobile  TEXT NOT NULL,
        purpose TEXT NOT NULL,
        code    TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sms_outbox_by_mobile ON sms_outbox (mobile, sent_at);

      -- The 法人 as the insured-unit records know them (参保登记), by enterprise.
      CREATE TABLE unit_legal_records (
        uscc              TEXT PRIMARY KEY,
        legal_name        TEXT NOT NULL,
        legal_resident_id TEXT NOT NULL
      ) STRICT;

      CREATE TABLE unit_applications (
        application_id    TEXT PRIMARY KEY,
        uscc              TEXT NOT NULL,
        unit_name         TEXT NOT NULL,
        legal_name        TEXT NOT NULL,
        legal_resident_id TEXT NOT NULL,
        agent_name        TEXT NOT NULL,
        agent_resident_id TEXT NOT NULL,
        agent_mobile      TEXT NOT NULL,
        password_hash     TEXT NOT NULL,
        state             TEXT NOT NULL CHECK (state IN ('reviewing', 'approved', 'returned')),
        reason            TEXT,
        created_at        INTEGER NOT NULL,
        decided_at        INTEGER
      ) STRICT;
      CREATE INDEX unit_applications_by_uscc ON unit_applications (uscc, state);

      -- The agents (经办人/办事员) a 法人 has named; their grants are rows of unit_roles.
      CREATE TABLE enterprise_agents (
        uscc        TEXT NOT NULL,
        resident_id TEXT NOT NULL,
        name        TEXT NOT NULL,
        mobile      TEXT NOT NULL,
        -- 1 when naming this agent created the person's record: only then may the 法人 fix
        -- the name, since no insured record vouches for it.
        created_person INTEGER NOT NULL DEFAULT 0 CHECK (created_person IN (0, 1)),
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (uscc, resident_id)
      ) STRICT;

      -- Authorizations recorded at the counter, with the 授权委托书 image as evidence.
      CREATE TABLE counter_authorizations (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        uscc              TEXT NOT NULL,
        agent_resident_id TEXT NOT NULL,
        unit_nos_json     TEXT NOT NULL,
        attachment_name   TEXT NOT NULL,
        attachment_mime   TEXT NOT NULL,
        attachment        BLOB NOT NULL,
        at                INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
