package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.PackageView;
import com.fitnesscrm.billing.domain.ClientPackage;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.scheduling.api.SessionCredits;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Session packages: granted when a package's payment is received, used one session at a time by scheduling
 * (through {@link SessionCredits}), voided when their payment is voided or fully refunded. The balance changes
 * under a row lock, so two sessions completed at once never take the last session twice.
 */
@ApplicationScoped
public class PackageService implements SessionCredits {

    private final ClientService clients;

    public PackageService(ClientService clients) {
        this.clients = clients;
    }

    /** The client's packages, newest first; 404 when the caller may not see the client. */
    public List<PackageView> ofClient(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
        return views(caller.organizationId(), clientId);
    }

    List<PackageView> views(long organizationId, long clientId) {
        Instant now = Instant.now();
        return ClientPackage.<ClientPackage>list("organizationId = ?1 and clientId = ?2 order by createdAt desc, id desc",
                organizationId, clientId).stream().map(p -> view(p, now)).toList();
    }

    /** The package a received payment of a package product buys (once: the payment id is unique). */
    void grant(Payment payment, Product product) {
        if (!Product.PACKAGE.equals(product.kind) || !payment.received()
                || ClientPackage.count("paymentId", payment.id) > 0) {
            return;
        }
        ClientPackage granted = new ClientPackage();
        granted.organizationId = payment.organizationId;
        granted.clientId = payment.clientId;
        granted.productId = product.id;
        granted.paymentId = payment.id;
        granted.name = product.name;
        granted.sessionsTotal = product.sessionCount;
        granted.startsAt = payment.paidAt;
        granted.expiresAt = product.validityDays == null ? null
                : payment.paidAt.plus(Duration.ofDays(product.validityDays));
        granted.persist();
    }

    /** The package bought by a payment that was voided or refunded in full stops paying for sessions. */
    void voidFor(Payment payment) {
        ClientPackage.update("voidedAt = ?1, updatedAt = ?1 where paymentId = ?2 and voidedAt is null",
                Instant.now(), payment.id);
    }

    Optional<Long> packageOfPayment(long paymentId) {
        return ClientPackage.<ClientPackage>find("paymentId", paymentId).firstResultOptional().map(p -> p.id);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> take(long organizationId, long clientId, Instant sessionStart) {
        Optional<ClientPackage> usable = ClientPackage.<ClientPackage>find("organizationId = ?1 and clientId = ?2"
                        + " and voidedAt is null and sessionsUsed < sessionsTotal"
                        + " and (expiresAt is null or expiresAt > ?3) order by expiresAt asc nulls last, id asc",
                organizationId, clientId, sessionStart)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        usable.ifPresent(p -> {
            p.sessionsUsed++;
            p.updatedAt = Instant.now();
        });
        return usable.map(p -> p.id);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void giveBack(long organizationId, long packageId) {
        ClientPackage.<ClientPackage>find("id = ?1 and organizationId = ?2", packageId, organizationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .filter(p -> p.sessionsUsed > 0)
                .ifPresent(p -> {
                    p.sessionsUsed--;
                    p.updatedAt = Instant.now();
                });
    }

    static PackageView view(ClientPackage p, Instant now) {
        return new PackageView(p.id, p.clientId, p.productId, p.paymentId, p.name, p.sessionsTotal, p.sessionsUsed,
                p.sessionsTotal - p.sessionsUsed, p.startsAt, p.expiresAt, p.status(now), p.createdAt);
    }
}
