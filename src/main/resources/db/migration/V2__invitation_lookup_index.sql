-- Re-inviting an address revokes its pending invitation: that update filters on organization and email.
CREATE INDEX invitations_org_email_idx ON invitations (organization_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
