-- Billing, part two: Stripe. Customers per client, subscriptions and invoices mirrored from Stripe, every webhook
-- event received (stored before it is processed, processed exactly once), and the payment reminders that overdue
-- invoices and failed payments produce for the automation feature.

-- A Stripe customer per client (on the platform's account; payments go to the organization's connected account).
CREATE TABLE stripe_customers (
    client_id        BIGINT       PRIMARY KEY REFERENCES clients (id),
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    customer_id      VARCHAR(255) NOT NULL UNIQUE,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
    id                      BIGSERIAL    PRIMARY KEY,
    organization_id         BIGINT       NOT NULL REFERENCES organizations (id),
    client_id               BIGINT       NOT NULL REFERENCES clients (id),
    product_id              BIGINT       REFERENCES products (id),
    stripe_subscription_id  VARCHAR(255) NOT NULL UNIQUE,
    status                  VARCHAR(30)  NOT NULL,
    current_period_end      TIMESTAMPTZ,
    cancel_at_period_end    BOOLEAN      NOT NULL DEFAULT FALSE,
    canceled_at             TIMESTAMPTZ,
    -- The creation time of the newest Stripe event applied: an older event arriving later does not undo it.
    stripe_state_at         TIMESTAMPTZ,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_client_idx ON subscriptions (organization_id, client_id, created_at DESC);

CREATE TABLE invoices (
    id                      BIGSERIAL    PRIMARY KEY,
    organization_id         BIGINT       NOT NULL REFERENCES organizations (id),
    client_id               BIGINT       NOT NULL REFERENCES clients (id),
    stripe_invoice_id       VARCHAR(255) NOT NULL UNIQUE,
    stripe_subscription_id  VARCHAR(255),
    number                  VARCHAR(100),
    status                  VARCHAR(30)  NOT NULL,
    amount_due_minor        BIGINT       NOT NULL DEFAULT 0,
    amount_paid_minor       BIGINT       NOT NULL DEFAULT 0,
    currency                CHAR(3)      NOT NULL,
    due_at                  TIMESTAMPTZ,
    paid_at                 TIMESTAMPTZ,
    hosted_invoice_url      VARCHAR(2000),
    stripe_state_at         TIMESTAMPTZ,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX invoices_client_idx ON invoices (organization_id, client_id, created_at DESC);
CREATE INDEX invoices_open_due_idx ON invoices (due_at) WHERE status = 'open';

-- Every event Stripe delivered, by its id: a redelivery (or a concurrent one) finds the row and only counts.
CREATE TABLE stripe_events (
    event_id         VARCHAR(255) PRIMARY KEY,
    organization_id  BIGINT       REFERENCES organizations (id),
    account_id       VARCHAR(255),
    type             VARCHAR(100) NOT NULL,
    stripe_created   TIMESTAMPTZ  NOT NULL,
    payload          TEXT         NOT NULL,
    deliveries       INT          NOT NULL DEFAULT 1,
    status           VARCHAR(20)  NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'processed', 'ignored', 'failed')),
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    outcome          VARCHAR(500),
    error            VARCHAR(1000),
    request_id       VARCHAR(128),
    received_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    processed_at     TIMESTAMPTZ
);
-- The worker's queue, and the admin's list.
CREATE INDEX stripe_events_pending_idx ON stripe_events (next_attempt_at) WHERE status = 'pending';
CREATE INDEX stripe_events_org_idx ON stripe_events (organization_id, received_at DESC);

-- Reminders for the automation feature to send (issue 12); until then, visible at GET /api/payments/reminders.
CREATE TABLE payment_reminders (
    id               BIGSERIAL    PRIMARY KEY,
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    client_id        BIGINT       NOT NULL REFERENCES clients (id),
    kind             VARCHAR(30)  NOT NULL CHECK (kind IN ('invoice_overdue', 'payment_failed')),
    payment_id       BIGINT       REFERENCES payments (id),
    invoice_id       BIGINT       REFERENCES invoices (id),
    amount_minor     BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    reason           VARCHAR(500),
    due_at           TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    resolved_at      TIMESTAMPTZ,
    CHECK (payment_id IS NOT NULL OR invoice_id IS NOT NULL)
);
CREATE UNIQUE INDEX payment_reminders_payment_idx ON payment_reminders (kind, payment_id) WHERE payment_id IS NOT NULL;
CREATE UNIQUE INDEX payment_reminders_invoice_idx ON payment_reminders (kind, invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX payment_reminders_open_idx ON payment_reminders (organization_id, created_at DESC) WHERE resolved_at IS NULL;
