package org.verdant.notify;

import java.time.Duration;
import java.util.List;

/**
 * E-mails the gardener about frost, failures and a daily digest.
 */
public final class AlertMailer {

    private final SmtpClient smtp;
    private final String recipient;

    public AlertMailer(SmtpClient smtp, String recipient) {
        this.smtp = smtp;
        this.recipient = recipient;
    }

    /**
     * Warns that temperatures below zero are expected tonight so the outdoor pipes can be drained.
     */
    public void sendFrostWarning(double lowestCelsius) {
        sendWithRetry("Frost tonight", "Lowest expected temperature: " + lowestCelsius + " C. Drain the outdoor pipes.");
    }

    /** One message listing what ran today. */
    public String buildDigest(List<String> events) {
        StringBuilder body = new StringBuilder("Today in the garden:\n");
        for (String e : events) {
            body.append(" - ").append(e).append('\n');
        }
        return body.toString();
    }

    /**
     * Sends a message, trying again up to five times and doubling the wait after each failure
     * (exponential backoff), because the mail relay drops connections now and then.
     */
    void sendWithRetry(String subject, String body) {
        Duration wait = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                smtp.send(recipient, subject, body);
                return;
            } catch (RuntimeException e) {
                if (attempt == 5) throw e;
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
