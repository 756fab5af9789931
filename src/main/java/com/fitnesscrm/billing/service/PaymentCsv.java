package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.PaymentView;
import com.fitnesscrm.common.web.CsvExport;

import java.util.ArrayList;
import java.util.List;

/** The payments CSV: one row per payment, amounts in major units of its currency. */
public final class PaymentCsv {

    public static final int MAX_ROWS = 50_000;
    static final List<String> HEADER = List.of("id", "client_id", "client_name", "paid_at", "amount",
            "refunded_amount", "net_amount", "currency", "method", "payment_type", "status", "description",
            "reference", "due_date", "stripe_payment_intent_id", "created_at");

    private PaymentCsv() {
    }

    public static String write(List<PaymentView> payments) {
        List<List<Object>> rows = new ArrayList<>(payments.size());
        for (PaymentView p : payments) {
            rows.add(java.util.Arrays.asList(p.id(), p.clientId(), p.clientName(), p.paidAt(), p.amount(),
                    p.refundedAmount(), p.netAmount(), p.currency(), p.method(), p.paymentType(), p.status(),
                    p.description(), p.reference(), p.dueDate(), p.stripePaymentIntentId(), p.createdAt()));
        }
        return CsvExport.write(HEADER, rows);
    }
}
