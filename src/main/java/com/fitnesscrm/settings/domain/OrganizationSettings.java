package com.fitnesscrm.settings.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An organization's business details and messaging credentials; credentials are kept encrypted. */
@Entity
@Table(name = "organization_settings")
public class OrganizationSettings extends PanacheEntityBase {

    @Id
    @Column(name = "organization_id")
    public Long organizationId;

    @Column(name = "business_name")
    public String businessName;

    @Column(name = "owner_name")
    public String ownerName;

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "contact_phone")
    public String contactPhone;

    public String address;
    public String website;

    @Column(name = "logo_url")
    public String logoUrl;

    @Column(name = "sendgrid_api_key_ciphertext")
    public String sendgridApiKeyCiphertext;

    @Column(name = "sendgrid_from_email")
    public String sendgridFromEmail;

    @Column(name = "sendgrid_from_name")
    public String sendgridFromName;

    @Column(name = "sendgrid_enabled", nullable = false)
    public boolean sendgridEnabled;

    @Column(name = "twilio_account_sid_ciphertext")
    public String twilioAccountSidCiphertext;

    @Column(name = "twilio_auth_token_ciphertext")
    public String twilioAuthTokenCiphertext;

    @Column(name = "twilio_phone_number")
    public String twilioPhoneNumber;

    @Column(name = "twilio_enabled", nullable = false)
    public boolean twilioEnabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
