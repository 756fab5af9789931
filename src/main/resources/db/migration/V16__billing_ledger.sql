-- Billing, part one: what an organization sells, the payments it receives (recorded by hand or through Stripe),
-- refunds, and the session packages those payments buy. Money is always an integer number of the currency's
-- minor units (cents) next to its ISO 4217 code: never floating point.

-- An organization's billing account: its currency, and (once it has connected one) its Stripe account.
CREATE TABLE billing_accounts (
    organization_id     BIGINT       PRIMARY KEY REFERENCES organizations (id),
    currency            CHAR(3)      NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    stripe_account_id   VARCHAR(255) UNIQUE,
    charges_enabled     BOOLEAN      NOT NULL DEFAULT FALSE,
    payouts_enabled     BOOLEAN      NOT NULL DEFAULT FALSE,
    details_submitted   BOOLEAN      NOT NULL DEFAULT FALSE,
    -- The creation time of the newest Stripe event applied to the account's state: older ones arriving later
    -- are not applied over it.
    stripe_state_at     TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- What the business sells: a package of N sessions (valid for some days), a membership billed weekly or monthly,
-- or a single session.
CREATE TABLE products (
    id                 BIGSERIAL    PRIMARY KEY,
    organization_id    BIGINT       NOT NULL REFERENCES organizations (id),
    kind               VARCHAR(20)  NOT NULL CHECK (kind IN ('package', 'membership', 'single_session')),
    name               VARCHAR(200) NOT NULL,
    description        TEXT,
    price_minor        BIGINT       NOT NULL CHECK (price_minor > 0 AND price_minor <= 100000000000),
    currency           CHAR(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    session_count      INT          CHECK (session_count BETWEEN 1 AND 1000),
    validity_days      INT          CHECK (validity_days BETWEEN 1 AND 3650),
    billing_interval   VARCHAR(10)  CHECK (billing_interval IN ('week', 'month')),
    active             BOOLEAN      NOT NULL DEFAULT TRUE,
    stripe_product_id  VARCHAR(255),
    stripe_price_id    VARCHAR(255),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at         TIMESTAMPTZ,
    CHECK ((kind = 'package') = (session_count IS NOT NULL)),
    CHECK ((kind = 'membership') = (billing_interval IS NOT NULL))
);
CREATE INDEX products_org_idx ON products (organization_id, kind, name) WHERE deleted_at IS NULL;

-- One row per payment. Stripe-backed rows carry the PaymentIntent (unique: a webhook delivered twice, or before
-- our own insert, finds the same row). refunded_minor never exceeds the amount.
CREATE TABLE payments (
    id                          BIGSERIAL    PRIMARY KEY,
    organization_id             BIGINT       NOT NULL REFERENCES organizations (id),
    client_id                   BIGINT       NOT NULL REFERENCES clients (id),
    product_id                  BIGINT       REFERENCES products (id),
    amount_minor                BIGINT       NOT NULL CHECK (amount_minor > 0 AND amount_minor <= 100000000000),
    currency                    CHAR(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    refunded_minor              BIGINT       NOT NULL DEFAULT 0,
    platform_fee_minor          BIGINT       NOT NULL DEFAULT 0 CHECK (platform_fee_minor >= 0),
    method                      VARCHAR(20)  NOT NULL
                                CHECK (method IN ('card', 'cash', 'bank_transfer', 'check', 'other')),
    payment_type                VARCHAR(20)  NOT NULL
                                CHECK (payment_type IN ('package', 'membership', 'session', 'other')),
    status                      VARCHAR(20)  NOT NULL
                                CHECK (status IN ('pending', 'succeeded', 'failed', 'partially_refunded',
                                                  'refunded', 'void')),
    description                 VARCHAR(500),
    reference                   VARCHAR(200),
    notes                       TEXT,
    due_date                    DATE,
    paid_at                     TIMESTAMPTZ,
    failure_message             VARCHAR(500),
    stripe_payment_intent_id    VARCHAR(255) UNIQUE,
    stripe_checkout_session_id  VARCHAR(255) UNIQUE,
    stripe_charge_id            VARCHAR(255),
    stripe_invoice_id           VARCHAR(255) UNIQUE,
    recorded_by                 BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    voided_at                   TIMESTAMPTZ,
    created_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    CHECK (status NOT IN ('succeeded', 'partially_refunded', 'refunded') OR paid_at IS NOT NULL)
);
-- The list, newest first, per organization and per client.
CREATE INDEX payments_org_created_idx ON payments (organization_id, created_at DESC, id DESC);
CREATE INDEX payments_client_created_idx ON payments (organization_id, client_id, created_at DESC, id DESC);
-- Revenue: money received, by when it was received (covering the figures the dashboard sums).
CREATE INDEX payments_org_paid_idx ON payments (organization_id, paid_at)
    INCLUDE (client_id, amount_minor, refunded_minor, payment_type, method)
    WHERE status IN ('succeeded', 'partially_refunded', 'refunded');
CREATE INDEX payments_org_pending_idx ON payments (organization_id, due_date) WHERE status = 'pending';

CREATE TABLE refunds (
    id                BIGSERIAL    PRIMARY KEY,
    organization_id   BIGINT       NOT NULL REFERENCES organizations (id),
    payment_id        BIGINT       NOT NULL REFERENCES payments (id),
    amount_minor      BIGINT       NOT NULL CHECK (amount_minor > 0),
    reason            VARCHAR(500),
    status            VARCHAR(20)  NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    stripe_refund_id  VARCHAR(255) UNIQUE,
    created_by        BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, created_at);

-- A package a client bought: N sessions, used one per completed (or charged) session, until it expires.
CREATE TABLE client_packages (
    id               BIGSERIAL    PRIMARY KEY,
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    client_id        BIGINT       NOT NULL REFERENCES clients (id),
    product_id       BIGINT       REFERENCES products (id),
    payment_id       BIGINT       UNIQUE REFERENCES payments (id),
    name             VARCHAR(200) NOT NULL,
    sessions_total   INT          NOT NULL CHECK (sessions_total BETWEEN 1 AND 1000),
    sessions_used    INT          NOT NULL DEFAULT 0,
    starts_at        TIMESTAMPTZ  NOT NULL,
    expires_at       TIMESTAMPTZ,
    voided_at        TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (sessions_used >= 0 AND sessions_used <= sessions_total),
    CHECK (expires_at IS NULL OR expires_at > starts_at)
);
-- Which package pays for a client's session: the usable ones of that client, soonest to expire first.
CREATE INDEX client_packages_client_idx ON client_packages (organization_id, client_id, expires_at)
    WHERE voided_at IS NULL;

-- The session a package paid for (set by scheduling from billing's answer; null: none did).
ALTER TABLE training_sessions ADD COLUMN paid_by_package_id BIGINT REFERENCES client_packages (id);
CREATE INDEX training_sessions_package_idx ON training_sessions (paid_by_package_id)
    WHERE paid_by_package_id IS NOT NULL;

-- Whether a late cancellation or a no-show uses a session of the client's package (issue 3's policy).
ALTER TABLE scheduling_policies
    ADD COLUMN late_cancellation_uses_package BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN no_show_uses_package BOOLEAN NOT NULL DEFAULT TRUE;
