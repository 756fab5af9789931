package com.fitnesscrm.billing;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger: products, payments recorded by hand, refunds, voids, packages, revenue and the CSV export. */
@QuarkusTest
class PaymentLedgerTest {

    /** The SPA's way: every number a string. */
    static long packageProduct(Api.Session admin, String price, int sessions, Integer validityDays) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "package", "name", sessions + " sessions",
                "price", price, "session_count", String.valueOf(sessions)));
        if (validityDays != null) {
            body.put("validity_days", String.valueOf(validityDays));
        }
        return admin.as().body(body).post("/api/products").then().statusCode(201)
                .body("price_minor", equalTo((int) Math.round(Double.parseDouble(price) * 100)))
                .body("currency", equalTo("USD")).extract().jsonPath().getLong("id");
    }

    static JsonPath pay(Api.Session by, long clientId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("client_id", String.valueOf(clientId)));
        body.putAll(extra);
        return by.as().body(body).post("/api/payments").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aPackageBoughtByHandGivesTheClientItsSessions() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long product = packageProduct(admin, "450.00", 10, 90);

        JsonPath paid = pay(admin, client.id(), Map.of("product_id", String.valueOf(product), "method", "Cash",
                "description", "Ten-pack", "reference", ""));
        assertEquals(450.0, paid.getDouble("payment.amount"));
        assertEquals(45000, paid.getLong("payment.amount_minor"));
        assertEquals("succeeded", paid.getString("payment.status"));
        assertEquals("package", paid.getString("payment.payment_type"));
        assertEquals("cash", paid.getString("payment.method"));
        assertTrue(paid.get("payment.package_id") != null);
        assertTrue(paid.get("payment.paid_at") != null);

        JsonPath packages = admin.as().get("/api/payments/client/" + client.id() + "/packages").then().statusCode(200)
                .body("packages", hasSize(1)).extract().jsonPath();
        assertEquals(10, packages.getInt("packages[0].sessions_remaining"));
        assertEquals("active", packages.getString("packages[0].status"));
        // About 90 days from now.
        Instant expires = Instant.parse(packages.getString("packages[0].expires_at"));
        assertTrue(Math.abs(ChronoUnit.DAYS.between(Instant.now(), expires) - 90) <= 1, expires.toString());

        // The client reads their own payments and packages, and may not record one.
        client.session().as().get("/api/payments").then().statusCode(200).body("payments", hasSize(1))
                .body("total", equalTo(1));
        client.session().as().get("/api/payments/client/" + client.id() + "/summary").then().statusCode(200)
                .body("total_paid", equalTo(450.0f)).body("sessions_remaining", equalTo(10));
        client.session().as().body(Map.of("client_id", client.id(), "amount", "5")).post("/api/payments").then()
                .statusCode(403);
    }

    @Test
    void badAmountsCurrenciesAndStrangersAreRefusedAndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        for (Object amount : List.of("0", "-5", "10.999", "abc", "1000000000000")) {
            admin.as().body(Map.of("client_id", client.id(), "amount", amount)).post("/api/payments").then()
                    .statusCode(400).contentType("application/json").body("error", notNullValue())
                    .body("details.field", hasItem("amount"));
        }
        admin.as().body(Map.of("client_id", client.id())).post("/api/payments").then().statusCode(400)
                .body("details.field", hasItem("amount"));
        admin.as().body(Map.of("client_id", client.id(), "amount", "20", "currency", "EUR")).post("/api/payments")
                .then().statusCode(400).body("details.field", hasItem("currency"));
        admin.as().body(Map.of("client_id", client.id(), "amount", "20", "currency", "XYZ1")).post("/api/payments")
                .then().statusCode(400).body("details.field", hasItem("currency"));
        admin.as().body(Map.of("client_id", client.id(), "amount", "20", "status", "refunded")).post("/api/payments")
                .then().statusCode(400).body("details.field", hasItem("status"));
        admin.as().body(Map.of("client_id", client.id(), "amount", "20", "paid_at", "2099-01-01"))
                .post("/api/payments").then().statusCode(400).body("details.field", hasItem("paid_at"));
        admin.as().get("/api/payments").then().statusCode(200).body("total", equalTo(0));

        // Another organization's client and payment are not found.
        Api.Session other = Api.registerOrganization();
        other.as().body(Map.of("client_id", client.id(), "amount", "20")).post("/api/payments").then().statusCode(404);
        long id = pay(admin, client.id(), Map.of("amount", "20")).getLong("payment.id");
        other.as().get("/api/payments/" + id).then().statusCode(404);
        other.as().delete("/api/payments/" + id).then().statusCode(404);
        other.as().body(Map.of("amount", "1")).post("/api/payments/" + id + "/refund").then().statusCode(404);
        other.as().get("/api/payments/client/" + client.id() + "/summary").then().statusCode(404);
        other.as().get("/api/payments").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/payments").then().statusCode(401);
    }

    @Test
    void aTrainerSeesAndRecordsOnlyTheirClientsPayments() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person own = Api.client(trainer.session());
        Api.Person stranger = Api.client(admin);
        pay(trainer.session(), own.id(), Map.of("amount", "60", "method", "bank transfer"));
        pay(admin, stranger.id(), Map.of("amount", "80"));
        trainer.session().as().body(Map.of("client_id", stranger.id(), "amount", "5")).post("/api/payments").then()
                .statusCode(404);
        trainer.session().as().get("/api/payments").then().statusCode(200).body("total", equalTo(1))
                .body("payments[0].client_id", equalTo((int) own.id()))
                .body("payments[0].method", equalTo("bank_transfer"));
        trainer.session().as().get("/payments/revenue/dashboard").then().statusCode(200)
                .body("total_revenue", equalTo(60.0f));
        admin.as().get("/payments/revenue/dashboard").then().statusCode(200).body("total_revenue", equalTo(140.0f));
        own.session().as().get("/payments/revenue/dashboard").then().statusCode(403);
        own.session().as().get("/api/payments/revenue/report").then().statusCode(403);
    }

    @Test
    void refundsNeverExceedWhatWasPaidAndAFullRefundVoidsThePackage() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long product = packageProduct(admin, "100", 5, null);
        JsonPath paid = pay(admin, client.id(), Map.of("product_id", product));
        long id = paid.getLong("payment.id");

        admin.as().body(Map.of("amount", "30.50", "reason", "Injury")).post("/api/payments/" + id + "/refund").then()
                .statusCode(200).body("payment.status", equalTo("partially_refunded"))
                .body("payment.refunded_amount", equalTo(30.5f)).body("payment.net_amount", equalTo(69.5f));
        admin.as().body(Map.of("amount", "70")).post("/api/payments/" + id + "/refund").then().statusCode(400)
                .body("details.field", hasItem("amount"));
        admin.as().body(Map.of("amount", "0")).post("/api/payments/" + id + "/refund").then().statusCode(400);
        admin.as().get("/api/payments/" + id).then().body("refunded_minor", equalTo(3050));
        admin.as().get("/api/payments/client/" + client.id() + "/packages").then()
                .body("packages[0].status", equalTo("active"));

        // The rest, without an amount.
        admin.as().body(Map.of()).post("/api/payments/" + id + "/refund").then().statusCode(200)
                .body("payment.status", equalTo("refunded")).body("payment.net_amount", equalTo(0.0f));
        admin.as().body(Map.of()).post("/api/payments/" + id + "/refund").then().statusCode(409)
                .body("code", equalTo("already_refunded"));
        admin.as().get("/api/payments/client/" + client.id() + "/packages").then()
                .body("packages[0].status", equalTo("void"));
        admin.as().get("/api/payments/revenue/dashboard").then().body("total_revenue", equalTo(0.0f))
                .body("total_payments", equalTo(1));
    }

    @Test
    void aVoidedPaymentStaysInTheLedgerAndCountsNowhere() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long id = pay(admin, client.id(), Map.of("amount", "75")).getLong("payment.id");
        long pending = pay(admin, client.id(), Map.of("amount", "40", "status", "pending", "due_date", "2026-12-20"))
                .getLong("payment.id");
        admin.as().get("/api/payments/revenue/dashboard").then().body("total_revenue", equalTo(75.0f))
                .body("pending_amount", equalTo(40.0f)).body("pending_count", equalTo(1));

        admin.as().delete("/api/payments/" + id).then().statusCode(200).body("payment.status", equalTo("void"))
                .body("payment.voided_at", notNullValue());
        admin.as().body(Map.of("amount", "80")).put("/api/payments/" + id).then().statusCode(409)
                .body("code", equalTo("payment_void"));
        admin.as().get("/api/payments/" + id).then().statusCode(200).body("status", equalTo("void"));
        // Pending -> succeeded records the money now.
        admin.as().body(Map.of("status", "succeeded", "reference", "TX-9")).put("/api/payments/" + pending).then()
                .statusCode(200).body("payment.status", equalTo("succeeded")).body("payment.paid_at", notNullValue())
                .body("payment.reference", equalTo("TX-9"));
        admin.as().body(Map.of("status", "pending")).put("/api/payments/" + pending).then().statusCode(400)
                .body("details.field", hasItem("status"));
        admin.as().get("/api/payments/revenue/dashboard").then().body("total_revenue", equalTo(40.0f))
                .body("pending_amount", equalTo(0.0f)).body("total_payments", equalTo(1));
        admin.as().get("/api/payments?status=void").then().body("total", equalTo(1));
    }

    @Test
    void theRevenueDashboardAndReportAreNumbersAtBothPaths() {
        Api.Session admin = Api.registerOrganization();
        Api.Person a = Api.client(admin);
        Api.Person b = Api.client(admin);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String lastMonth = today.withDayOfMonth(1).minusDays(3).toString();
        pay(admin, a.id(), Map.of("amount", "100", "payment_type", "session", "paid_at", lastMonth));
        pay(admin, a.id(), Map.of("amount", "50.25", "payment_type", "membership", "method", "check"));
        pay(admin, b.id(), Map.of("amount", "20", "payment_type", "session"));

        for (String path : List.of("/api/payments/revenue/dashboard", "/payments/revenue/dashboard")) {
            JsonPath d = admin.as().get(path).then().statusCode(200).contentType("application/json").extract().jsonPath();
            assertEquals(170.25, d.getDouble("total_revenue"), 1e-9);
            assertEquals(70.25, d.getDouble("revenue_this_month"), 1e-9);
            assertEquals(3, d.getInt("total_payments"));
            assertEquals(56.75, d.getDouble("average_payment"), 1e-9);
            assertEquals(120.0, d.getDouble("revenue_by_type.session"), 1e-9);
            assertEquals(0.0, d.getDouble("revenue_by_type.package"), 1e-9);
            List<Map<String, Object>> trend = d.getList("monthly_trend");
            assertEquals(12, trend.size());
            assertEquals(today.toString().substring(0, 7), trend.get(11).get("month"));
            assertEquals(70.25, ((Number) trend.get(11).get("revenue")).doubleValue(), 1e-9);
            assertEquals(100.0, ((Number) trend.get(10).get("revenue")).doubleValue(), 1e-9);
            assertEquals("USD", d.getString("currency"));
        }
        String range = "?start_date=" + today.withDayOfMonth(1) + "&end_date=" + today;
        for (String path : List.of("/api/payments/revenue/report", "/payments/revenue/report")) {
            admin.as().get(path + range).then().statusCode(200)
                    .body("total_revenue", equalTo(70.25f)).body("payment_count", equalTo(2))
                    .body("top_clients[0].client_id", equalTo((int) a.id()))
                    .body("top_clients[0].client_name", notNullValue())
                    .body("top_clients[0].total", equalTo(50.25f))
                    .body("revenue_by_method.method", hasItem("check"))
                    .body("date_range.start", equalTo(today.withDayOfMonth(1).toString()));
        }
        admin.as().get("/payments/revenue/report?start_date=2026-13-01").then().statusCode(400)
                .contentType("application/json").body("error", notNullValue());
        admin.as().get("/payments/revenue/report?start_date=2026-12-31&end_date=2026-01-01").then().statusCode(400);
        given().get("/payments/revenue/dashboard").then().statusCode(401).contentType("application/json");
        admin.as().get("/payments/revenue/nothing").then().statusCode(404).contentType("application/json");
        // An empty organization still answers numbers, never null.
        Api.registerOrganization().as().get("/payments/revenue/dashboard").then().statusCode(200)
                .body("total_revenue", equalTo(0.0f)).body("average_payment", equalTo(0.0f))
                .body("revenue_this_month", equalTo(0.0f)).body("monthly_trend", hasSize(12));
    }

    @Test
    void theCsvExportQuotesAndDisarmsFormulas() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        pay(admin, client.id(), Map.of("amount", "12.5", "description", "=HYPERLINK(\"http://evil\"), \"quoted\""));
        String csv = admin.as().get("/api/payments/export").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("payments.csv"))
                .extract().asString();
        String[] lines = csv.replace("\uFEFF", "").split("\r\n");
        assertTrue(lines[0].startsWith("id,client_id,client_name,paid_at,amount"), lines[0]);
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].contains(",12.5,0.0,12.5,USD,cash,other,succeeded,"), lines[1]);
        assertTrue(lines[1].contains("\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\""), lines[1]);
        Api.client(admin).session().as().get("/api/payments/export").then().statusCode(403);
    }

    @Test
    void onlyAdminsManageProductsAndTheirInputIsChecked() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        trainer.session().as().body(Map.of("kind", "package", "name", "x", "price", "10", "session_count", "2"))
                .post("/api/products").then().statusCode(403);
        admin.as().body(Map.of("kind", "bundle", "name", "x", "price", "10")).post("/api/products").then()
                .statusCode(400).body("details.field", hasItem("kind"));
        admin.as().body(Map.of("kind", "package", "name", "x", "price", "0")).post("/api/products").then()
                .statusCode(400).body("details.field", hasItem("price")).body("details.field", hasItem("session_count"));
        admin.as().body(Map.of("kind", "membership", "name", "Monthly", "price", "99")).post("/api/products").then()
                .statusCode(400).body("details.field", hasItem("billing_interval"));
        long membership = admin.as().body(Map.of("kind", "membership", "name", "Monthly", "price", "99",
                        "billing_interval", "monthly")).post("/api/products").then().statusCode(201)
                .body("billing_interval", equalTo("month")).extract().jsonPath().getLong("id");
        admin.as().body(Map.of("kind", "package")).put("/api/products/" + membership).then().statusCode(400);
        admin.as().body(Map.of("active", "false")).put("/api/products/" + membership).then().statusCode(200)
                .body("active", equalTo(false));
        // A client sees only what is on sale; staff see all.
        Api.Person client = Api.client(admin);
        client.session().as().get("/api/products").then().statusCode(200).body("products", hasSize(0));
        client.session().as().get("/api/products/" + membership).then().statusCode(404);
        trainer.session().as().get("/api/products").then().statusCode(200).body("products", hasSize(1));
        Api.registerOrganization().as().get("/api/products/" + membership).then().statusCode(404);
        admin.as().delete("/api/products/" + membership).then().statusCode(200);
        admin.as().get("/api/products/" + membership).then().statusCode(404);
        // A payment of a product that is not on sale is refused.
        long off = admin.as().body(Map.of("kind", "single_session", "name", "Drop-in", "price", "30", "active", false))
                .post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.as().body(Map.of("client_id", client.id(), "product_id", off)).post("/api/payments").then()
                .statusCode(400).body("details.field", hasItem("product_id"));
        admin.as().body(Map.of("currency", "EUR")).put("/api/billing/account").then().statusCode(409);
        admin.as().get("/api/billing/account").then().statusCode(200).body("currency", equalTo("USD"))
                .body("stripe_account_id", nullValue());
    }
}
