package org.hsgcds.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.cdshooks.FeedbackRequest;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.web.ApiRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates and stores feedback; the valid items of one post commit together, before the 200 is sent,
 * and the answer says per item what became of it (stored, duplicate, rejected and why).
 */
@Service
class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);

    private final ContentHolder content;
    private final FeedbackRepository repository;
    private final TransactionTemplate transaction;
    private final TransactionTemplate perItem;
    private final Clock clock;
    private final IssuedCardRecorder issuedCards;
    private final FeedbackValidator validator = new FeedbackValidator();

    FeedbackService(
            ContentHolder content,
            FeedbackRepository repository,
            TransactionTemplate transaction,
            Clock clock,
            IssuedCardRecorder issuedCards) {
        this.issuedCards = issuedCards;
        this.content = content;
        this.repository = repository;
        this.transaction = transaction;
        this.perItem = new TransactionTemplate(java.util.Objects.requireNonNull(transaction.getTransactionManager()));
        this.perItem.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    FeedbackReceipt receive(String serviceId, FeedbackRequest request) {
        if (content.content().services().find(serviceId).isEmpty()) {
            throw ApiRequestException.unknownService(serviceId);
        }
        List<FeedbackValidator.Checked> items = validator.validate(request);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // Cards issued moments ago may still be queued for writing: let them land before looking them up.
        issuedCards.flush(FLUSH_WAIT);
        FeedbackReceipt receipt = transaction.execute(status -> {
            List<String> unknown = new ArrayList<>();
            List<FeedbackReceipt.ItemResult> results = new ArrayList<>();
            for (FeedbackValidator.Checked checked : items) {
                if (!checked.valid()) {
                    results.add(new FeedbackReceipt.ItemResult(
                            checked.index(), FeedbackReceipt.REJECTED, checked.problem()));
                    continue;
                }
                FeedbackRepository.Saved saved;
                try {
                    // Each item in a savepoint: one the database refuses is rejected alone, and the
                    // valid items beside it are still stored (it used to be a 500 that lost them all).
                    saved = perItem.execute(nested -> repository.save(serviceId, checked.feedback(), now));
                } catch (DataAccessException e) {
                    log.warn(
                            "A feedback item could not be stored ({})",
                            e.getClass().getSimpleName());
                    results.add(new FeedbackReceipt.ItemResult(
                            checked.index(), FeedbackReceipt.REJECTED, "could not be stored"));
                    continue;
                }
                results.add(new FeedbackReceipt.ItemResult(
                        checked.index(), saved.inserted() ? FeedbackReceipt.STORED : FeedbackReceipt.DUPLICATE, null));
                if (!saved.knownCard()) {
                    unknown.add(checked.feedback().card());
                }
            }
            return FeedbackReceipt.of(results, unknown);
        });
        if (!receipt.unknownCards().isEmpty()) {
            log.warn(
                    "Feedback to {} for {} card(s) this service has no record of issuing",
                    serviceId,
                    receipt.unknownCards().size());
        }
        return receipt;
    }
}
