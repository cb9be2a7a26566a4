package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up's bounds: a failing call ends it, a call that never returns does not hold start-up. */
class StartupWarmupTest {

    @Test
    void callsTheExamplesInTurnUntilItsTimeIsUp() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        StartupWarmup warmup = warmup(Duration.ofMillis(200), Duration.ofSeconds(30));

        onItsOwnThread(
                warmup,
                List.of(
                        () -> {
                            first.incrementAndGet();
                            return 2;
                        },
                        () -> {
                            second.incrementAndGet();
                            return 1;
                        }));
        StartupWarmup.Result result = warmup.awaitDone();

        assertThat(result.finished()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.calls()).isEqualTo(first.get() + second.get()).isGreaterThanOrEqualTo(2);
        assertThat(first.get() - second.get()).isBetween(0, 1);
        assertThat(result.cards()).isEqualTo(2 * first.get() + second.get());
    }

    @Test
    void onceTheContextIsUpEveryExampleIsAnsweredOnceMoreAtMostAndNoMore() {
        AtomicInteger calls = new AtomicInteger();
        StartupWarmup warmup = warmup(Duration.ofSeconds(60), Duration.ofSeconds(60));
        Callable<Integer> call = () -> {
            calls.incrementAndGet();
            Thread.sleep(5);
            return 1;
        };

        onItsOwnThread(warmup, List.of(call, call, call));
        long started = System.nanoTime();
        warmup.run(null); // the runner: the context is up
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        StartupWarmup.Result result = warmup.awaitDone();
        assertThat(result.finished()).isTrue();
        assertThat(result.calls()).isEqualTo(calls.get()).isGreaterThanOrEqualTo(3);
        assertThat(waitedMillis).isLessThan(30_000); // far below the 60 s duration
    }

    @Test
    void aFailingCallEndsTheWarmupWithoutStoppingStartup() {
        AtomicInteger attempts = new AtomicInteger();
        StartupWarmup warmup = warmup(Duration.ofSeconds(30), Duration.ofSeconds(30));

        onItsOwnThread(warmup, List.of(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("content broken");
        }));
        StartupWarmup.Result result = warmup.awaitDone();

        assertThat(result.finished()).isFalse();
        assertThat(result.failure()).isEqualTo("IllegalStateException");
        assertThat(result.calls()).isZero();
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aCallThatNeverReturnsDoesNotHoldStartupBeyondDurationAndGrace() {
        CountDownLatch never = new CountDownLatch(1);
        StartupWarmup warmup = warmup(Duration.ofMillis(50), Duration.ofMillis(50));
        onItsOwnThread(warmup, List.of(() -> {
            never.await();
            return 0;
        }));

        long started = System.nanoTime();
        warmup.run(null); // returns: the runner gives up waiting
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        StartupWarmup.Result result = warmup.awaitDone();
        assertThat(result.finished()).isFalse();
        assertThat(result.calls()).isZero();
        assertThat(waitedMillis).isLessThan(30_000);
        never.countDown();
    }

    @Test
    void noExamplesOrNoContentMeansNoCallsAndNoWait() {
        StartupWarmup warmup = warmup(Duration.ofSeconds(30), Duration.ofSeconds(30));

        onItsOwnThread(warmup, List.of());

        assertThat(warmup.awaitDone().finished()).isTrue();
        assertThat(warmup.awaitDone().calls()).isZero();
    }

    private static StartupWarmup warmup(Duration duration, Duration grace) {
        return new StartupWarmup(new WarmupProperties(true, duration, grace));
    }

    private static void onItsOwnThread(StartupWarmup warmup, List<Callable<Integer>> calls) {
        Thread thread = new Thread(() -> warmup.work(calls), "test-warmup");
        thread.setDaemon(true);
        thread.start();
    }
}
