package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuSlotsTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aBoundedWaitGivesUpWhenNoSlotComesFreeAndTakesOneThatDoes() throws Exception {
        CpuSlots slots = new CpuSlots(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheSlot(slots, release);
        assertThatThrownBy(() -> slots.hold(java.time.Duration.ofMillis(200))).isInstanceOf(SlotsBusyException.class);
        assertThat(slots.available()).isZero();
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        try (CpuSlots.Held ignored = slots.hold(java.time.Duration.ofSeconds(5))) {
            assertThat(slots.available()).isZero();
        }
        assertThat(slots.available()).isOne();
    }

    @Test
    void aCallerThatWentAwayWhileWaitingGetsNoSlotAndLeavesNoneTaken() throws Exception {
        CpuSlots slots = new CpuSlots(1);
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheSlot(slots, release);
        // present for the first three checks, gone after: given up long before the 30 s bound
        long started = System.nanoTime();
        assertThatThrownBy(() -> slots.hold(java.time.Duration.ofSeconds(30), () -> asked.incrementAndGet() <= 3))
                .isInstanceOf(CallAbandonedException.class);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        assertThat(slots.available()).isOne();
        // gone by the time the free slot is had: the slot is given back
        assertThatThrownBy(() -> slots.hold(java.time.Duration.ofSeconds(5), new java.util.function.BooleanSupplier() {
                    private int calls;

                    @Override
                    public boolean getAsBoolean() {
                        return calls++ == 0;
                    }
                }))
                .isInstanceOf(CallAbandonedException.class);
        assertThat(slots.available()).isOne();
    }

    @Test
    void aBoundedWaiterKeepsItsPlaceInTheQueueWhileItChecksOnItsClient() throws Exception {
        CpuSlots slots = new CpuSlots(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheSlot(slots, release);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Future<?> first = threads.submit(() -> takeAndNote(slots, "first", order));
        sleep(350); // the first waiter has checked on its client three times
        Future<?> second = threads.submit(() -> takeAndNote(slots, "second", order));
        sleep(150);
        Future<?> third = threads.submit(() -> takeAndNote(slots, "third", order));
        sleep(250);
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        third.get(5, TimeUnit.SECONDS);
        assertThat(order).containsExactly("first", "second", "third");
        assertThat(slots.available()).isOne();
    }

    private static void takeAndNote(CpuSlots slots, String name, List<String> order) {
        try (CpuSlots.Held ignored = slots.hold(java.time.Duration.ofSeconds(10), () -> true)) {
            order.add(name);
            sleep(20);
        }
    }

    @Test
    void shouldRunNoMoreWorkAtOnceThanThereAreSlots() throws Exception {
        CpuSlots slots = new CpuSlots(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(threads.submit(() -> slots.run(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(20);
                running.decrementAndGet();
                return n;
            })));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(slots.available()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheSlotToAnotherCallWhileOneWaitsOutside() throws Exception {
        CpuSlots slots = new CpuSlots(1);
        CountDownLatch waitingOnNetwork = new CountDownLatch(1);
        CountDownLatch otherCallDone = new CountDownLatch(1);
        Future<String> fetching = threads.submit(() -> slots.run(() -> slots.outside(() -> {
            waitingOnNetwork.countDown();
            await(otherCallDone);
            return "fetched";
        })));
        assertThat(waitingOnNetwork.await(5, TimeUnit.SECONDS)).isTrue();

        Future<String> other = threads.submit(() -> slots.run(() -> "evaluated"));

        assertThat(other.get(5, TimeUnit.SECONDS))
                .as("a call runs while the only slot's holder waits on I/O")
                .isEqualTo("evaluated");
        otherCallDone.countDown();
        assertThat(fetching.get(5, TimeUnit.SECONDS)).isEqualTo("fetched");
        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void shouldReturnTheSlotWhenTheWorkFails() {
        CpuSlots slots = new CpuSlots(1);

        assertThatThrownBy(() -> slots.run(() -> {
                    throw new IllegalStateException("bad record");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(slots.available()).isEqualTo(1);
        assertThat(slots.run(() -> slots.run(() -> "nested")))
                .as("re-entrant on one thread")
                .isEqualTo("nested");
        assertThat(slots.outside(() -> "no slot held")).isEqualTo("no slot held");
        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void shouldRefuseZeroSlots() {
        assertThatThrownBy(() -> new CpuSlots(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Takes a slot on another thread and keeps it until {@code release} opens; returns once it is taken. */
    private Future<?> holdTheSlot(CpuSlots slots, CountDownLatch release) {
        CountDownLatch taken = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            try (CpuSlots.Held ignored = slots.hold()) {
                taken.countDown();
                await(release);
            }
        });
        await(taken);
        return holder;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
