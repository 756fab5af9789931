package com.fitnesscrm.auth.service;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.web.CallerConnection;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/** Password hashing (bcrypt, cost from config, at least 12 in production) and strength checks (zxcvbn). */
@ApplicationScoped
public class PasswordService {

    static final int MIN_LENGTH = 8;
    /** zxcvbn 0..4; 2 means "somewhat guessable": stops dictionary words, keyboard walks, names and dates. */
    static final int MIN_SCORE = 2;

    private final int cost;
    private final Zxcvbn zxcvbn = new Zxcvbn();
    /** Compared against on unknown emails, so a login takes as long whether or not the account exists. */
    private final String dummyHash;
    private final Semaphore hashingSlots = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private final CallerConnection caller;

    public PasswordService(AppConfig config, CallerConnection caller) {
        this.caller = caller;
        this.cost = config.password().bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("timing-equaliser", cost);
    }

    public String hash(String password) {
        return throttled(() -> BcryptUtil.bcryptHash(password, cost));
    }

    public boolean matches(String password, String hash) {
        return throttled(() -> BcryptUtil.matches(password, hash));
    }

    public void spendEquivalentTime(String password) {
        throttled(() -> BcryptUtil.matches(password, dummyHash));
    }

    /**
     * At most one bcrypt computation per core at a time. A burst of logins otherwise puts a hundred CPU-bound
     * threads on two cores, starving the event loop (and with it every other request and the Redis client);
     * queued here, the burst waits its turn while the rest of the API stays responsive. A caller who hung up while
     * waiting is not hashed for: the benchmark's login run left minutes of abandoned hashes behind it otherwise.
     */
    private <T> T throttled(java.util.function.Supplier<T> work) {
        try {
            hashingSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "service_busy", "The service is busy, try again shortly");
        }
        try {
            if (caller.gone()) {
                throw new ApiException(503, "client_gone", "The request was abandoned by its caller");
            }
            return work.get();
        } finally {
            hashingSlots.release();
        }
    }

    /** Throws a 400 naming {@code field} when the password is too short or too easy to guess. */
    public void requireStrong(String field, String password, String... personalInputs) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiException.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
        }
        List<String> inputs = new ArrayList<>();
        for (String input : personalInputs) {
            if (input != null && !input.isBlank()) {
                inputs.add(input);
                inputs.addAll(List.of(input.split("[@.\\s]+")));
            }
        }
        Strength strength = zxcvbn.measure(password, inputs);
        if (strength.getScore() < MIN_SCORE) {
            String warning = strength.getFeedback().getWarning();
            throw ApiException.invalidField(field, "is too easy to guess"
                    + (warning == null || warning.isBlank() ? "" : " (" + warning + ")")
                    + ": use a longer mix of words, numbers and symbols");
        }
    }
}
