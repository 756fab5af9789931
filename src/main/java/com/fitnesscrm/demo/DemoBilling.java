package com.fitnesscrm.demo;

import com.fitnesscrm.billing.api.PaymentRequests;
import com.fitnesscrm.billing.api.ProductRequests;
import com.fitnesscrm.billing.api.ProductView;
import com.fitnesscrm.billing.service.PaymentService;
import com.fitnesscrm.billing.service.ProductService;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The demo studio's billing: a catalogue (a ten-pack, a five-pack, a membership, a drop-in), a year of payments
 * recorded by hand so the revenue dashboard's trend has a shape, packages that the calendar's completed sessions
 * then use, a partial refund and a pending invoice.
 */
@ApplicationScoped
class DemoBilling {

    private final ProductService products;
    private final PaymentService payments;

    DemoBilling(ProductService products, PaymentService payments) {
        this.products = products;
        this.payments = payments;
    }

    void load(Caller admin, List<ClientView> people) {
        ProductView tenPack = products.create(admin, product("package", "10 sessions", "650.00", 10, 180, null));
        ProductView fivePack = products.create(admin, product("package", "5 sessions", "350.00", 5, 90, null));
        ProductView monthly = products.create(admin, product("membership", "Monthly membership", "129.00", null, null,
                "month"));
        ProductView dropIn = products.create(admin, product("single_session", "Drop-in session", "75.00", null, null,
                null));
        Instant now = Instant.now();
        for (int i = 0; i < people.size(); i++) {
            ClientView client = people.get(i);
            if (!"active".equals(client.status())) {
                continue;
            }
            // A package bought a few weeks ago (before the calendar's completed sessions, which then use it).
            ProductView pack = i % 2 == 0 ? tenPack : fivePack;
            payments.create(admin, payment(client.id(), pack.id(), null, i % 3 == 0 ? "bank_transfer" : "cash",
                    "succeeded", now.minus(35 + i, ChronoUnit.DAYS), null));
            // Monthly membership fees over the past year, for the trend.
            for (int month = 1; month <= 11; month += 1 + i % 3) {
                payments.create(admin, payment(client.id(), monthly.id(), null, "bank_transfer", "succeeded",
                        now.minus(month * 30L + i, ChronoUnit.DAYS), null));
            }
            if (i % 4 == 1) {
                payments.create(admin, payment(client.id(), dropIn.id(), null, "cash", "succeeded",
                        now.minus(3 + i, ChronoUnit.DAYS), null));
            }
        }
        ClientView first = people.get(0);
        long refunded = payments.create(admin, payment(first.id(), dropIn.id(), null, "cash", "succeeded",
                now.minus(12, ChronoUnit.DAYS), null)).id();
        payments.refundManual(admin, refunded, new PaymentRequests.Refund(new BigDecimal("25.00"), null,
                "Session cut short"));
        payments.create(admin, payment(people.get(1).id(), monthly.id(), null, "bank_transfer", "pending", null,
                now.plus(7, ChronoUnit.DAYS).toString().substring(0, 10)));
    }

    private static ProductRequests.Save product(String kind, String name, String price, Integer sessions,
                                                Integer validityDays, String interval) {
        return new ProductRequests.Save(kind, name, null, new BigDecimal(price), null, null, sessions, validityDays,
                interval, true);
    }

    private static PaymentRequests.Save payment(long clientId, long productId, BigDecimal amount, String method,
                                                String status, Instant paidAt, String dueDate) {
        return new PaymentRequests.Save(clientId, productId, amount, null, null, method, null, null, status, null,
                null, null, dueDate, paidAt == null ? null : paidAt.toString(), null);
    }
}
