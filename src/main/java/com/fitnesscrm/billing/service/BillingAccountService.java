package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.BillingAccountView;
import com.fitnesscrm.billing.domain.BillingAccount;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.persistence.RequestMemo;
import com.fitnesscrm.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** An organization's currency (every amount it records is in it) and its connected Stripe account. */
@ApplicationScoped
public class BillingAccountService {

    private static final String MEMO = "billing-account";

    private final RequestMemo memo;

    public BillingAccountService(RequestMemo memo) {
        this.memo = memo;
    }

    public String currencyOf(long organizationId) {
        return memo.remember(MEMO, organizationId, () -> BillingAccount.<BillingAccount>findByIdOptional(organizationId)
                .map(a -> a.currency).orElse(BillingAccount.DEFAULT_CURRENCY));
    }

    public BillingAccountView view(Caller caller) {
        return BillingAccount.<BillingAccount>findByIdOptional(caller.organizationId())
                .map(BillingAccountService::view)
                .orElse(new BillingAccountView(BillingAccount.DEFAULT_CURRENCY, null, false, false, false));
    }

    /** Admins only; refused while a payment or product of the organization is in another currency. */
    @Transactional
    public BillingAccountView setCurrency(Caller caller, BillingAccountView.Update request) {
        requireAdmin(caller);
        Problems problems = new Problems();
        String currency = Money.currency(problems, "currency", request.currency());
        if (currency == null && !problems.any()) {
            problems.add("currency", "is required");
        }
        problems.throwIfAny();
        BillingAccount account = lockedAccount(caller.organizationId());
        if (!account.currency.equals(currency)) {
            long others = Payment.count("organizationId = ?1 and currency <> ?2", caller.organizationId(), currency)
                    + Product.count("organizationId = ?1 and currency <> ?2 and deletedAt is null",
                    caller.organizationId(), currency);
            if (others > 0) {
                throw ApiException.conflict("currency_in_use", "Payments or products are recorded in "
                        + account.currency + ": the currency cannot change");
            }
            account.currency = currency;
            account.updatedAt = Instant.now();
        }
        memo.forget(MEMO);
        return view(account);
    }

    /** The account row, created on first use and locked for this transaction. */
    BillingAccount lockedAccount(long organizationId) {
        Optional<BillingAccount> found = BillingAccount.findByIdOptional(organizationId, LockModeType.PESSIMISTIC_WRITE);
        if (found.isPresent()) {
            return found.get();
        }
        BillingAccount.getEntityManager().createNativeQuery("insert into billing_accounts (organization_id)"
                + " values (?1) on conflict do nothing").setParameter(1, organizationId).executeUpdate();
        return BillingAccount.<BillingAccount>findByIdOptional(organizationId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow();
    }

    /** The organization's connected Stripe account, once onboarding started. */
    public Optional<String> connectedAccount(long organizationId) {
        return BillingAccount.<BillingAccount>findByIdOptional(organizationId).map(a -> a.stripeAccountId);
    }

    /** The organization a connected account belongs to. */
    public Optional<Long> organizationOfAccount(String accountId) {
        return BillingAccount.<BillingAccount>find("stripeAccountId", accountId).firstResultOptional()
                .map(a -> a.organizationId);
    }

    /** Records the account created for the organization (in the caller's transaction). */
    void attachAccount(long organizationId, String accountId) {
        BillingAccount account = lockedAccount(organizationId);
        account.stripeAccountId = accountId;
        account.updatedAt = Instant.now();
    }

    /**
     * Stripe's view of the account (from its API or an {@code account.updated} event created at {@code asOf}); an
     * older state arriving later is not applied over a newer one.
     */
    boolean applyAccountState(String accountId, boolean chargesEnabled, boolean payoutsEnabled,
                              boolean detailsSubmitted, Instant asOf) {
        Optional<BillingAccount> found = BillingAccount.<BillingAccount>find("stripeAccountId", accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return false;
        }
        BillingAccount account = found.get();
        if (account.stripeStateAt != null && account.stripeStateAt.isAfter(asOf)) {
            return true;
        }
        account.chargesEnabled = chargesEnabled;
        account.payoutsEnabled = payoutsEnabled;
        account.detailsSubmitted = detailsSubmitted;
        account.stripeStateAt = asOf;
        account.updatedAt = Instant.now();
        return true;
    }

    static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin manages billing");
        }
    }

    private static BillingAccountView view(BillingAccount account) {
        return new BillingAccountView(account.currency, account.stripeAccountId, account.chargesEnabled,
                account.payoutsEnabled, account.detailsSubmitted);
    }
}
