package org.hsgcds.feedback;

/** The feedback store contract on the default database: an embedded H2 file (in a temp dir for tests). */
class H2FeedbackStoreTest extends FeedbackStoreContract {

    @Override
    String database() {
        return "H2 (file, WRITE_DELAY=0)";
    }
}
